#include "runtime/admin/target.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url_view.hpp>

#include "runtime/errc.hpp"

namespace actorbus::admin {

caf::expected<parsed_target> parse_target(std::string_view target) {
  auto url = boost::urls::parse_origin_form(target);
  if (url.has_error())
    return caf::make_error(errc::bad_request, "malformed request target: "
                                                + url.error().message());
  parsed_target result;
  for (auto seg : url->segments())
    result.segments.emplace_back(std::move(seg));
  for (auto param : url->params())
    result.query[param.key] = param.has_value ? param.value : std::string{};
  return result;
}

std::string encode_component(std::string_view text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

} // namespace actorbus::admin
