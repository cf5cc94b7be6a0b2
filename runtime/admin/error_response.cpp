#include "runtime/admin/error_response.hpp"

#include "caf/sec.hpp"

#include "runtime/admin/detail/error_text.hpp"
#include "runtime/errc.hpp"

namespace actorbus::admin {

namespace {

http_response from_errc(errc code, const std::string& detail) {
  switch (code) {
    case errc::unknown_topic:
    case errc::unknown_partition:
    case errc::unknown_member:
    case errc::unknown_actor:
      return http_response::error(404, "not_found", detail);
    case errc::invalid_argument:
    case errc::bad_request:
    case errc::offset_out_of_range:
    case errc::invalid_config:
      return http_response::error(400, "bad_request", detail);
    case errc::payload_too_large:
      return http_response::error(413, "payload_too_large", detail);
    case errc::unauthorized:
      return http_response::error(401, "unauthorized", detail);
    case errc::timeout:
      return http_response::error(503, "timeout", detail);
    case errc::shutting_down:
    case errc::node_unreachable:
      return http_response::error(503, "unavailable", detail);
    default:
      return http_response::error(500, "internal_error", detail);
  }
}

} // namespace

http_response error_response(const caf::error& err) {
  auto detail = detail::error_text(err);
  if (err.category() == caf::atom("system")) {
    auto code = static_cast<caf::sec>(err.code());
    if (code == caf::sec::request_timeout)
      return http_response::error(503, "timeout",
                                  "the node did not answer "
                                  "in time");
    if (code == caf::sec::request_receiver_down)
      return http_response::error(503, "unavailable",
                                  "the actor serving this request is down");
    return http_response::error(500, "internal_error", caf::to_string(code));
  }
  return from_errc(code_of(err), detail);
}

} // namespace actorbus::admin
