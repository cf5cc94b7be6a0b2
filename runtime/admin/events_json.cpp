#include "runtime/admin/events_json.hpp"

#include <charconv>

#include <boost/json/object.hpp>

#include "runtime/admin/detail/error_text.hpp"
#include "runtime/admin/detail/json_fields.hpp"
#include "runtime/admin/http_types.hpp"

namespace actorbus::admin {

namespace json = boost::json;
using detail::field;

namespace {

template <class T>
bool parse_number(std::string_view str, T& out) {
  if (str.empty())
    return false;
  auto res = std::from_chars(str.data(), str.data() + str.size(), out);
  return res.ec == std::errc{} && res.ptr == str.data() + str.size();
}

caf::error bad_param(const std::string& name, const std::string& why) {
  return caf::make_error(errc::bad_request, name + ": " + why);
}

} // namespace

std::string cursor_to_string(const cursor& x) {
  std::string out;
  for (auto& [partition, offset] : x) {
    if (!out.empty())
      out += ',';
    out += std::to_string(partition);
    out += ':';
    out += std::to_string(offset);
  }
  return out;
}

caf::expected<cursor> parse_cursor(const std::string& str) {
  cursor result;
  std::string_view rest{str};
  while (!rest.empty()) {
    auto item = rest.substr(0, rest.find(','));
    rest.remove_prefix(std::min(rest.size(), item.size() + 1));
    auto colon = item.find(':');
    int32_t partition = 0;
    int64_t offset = 0;
    if (colon == std::string_view::npos
        || !parse_number(item.substr(0, colon), partition)
        || !parse_number(item.substr(colon + 1), offset) || partition < 0
        || offset < 0)
      return caf::make_error(errc::invalid_argument,
                             "expected a cursor like 0:15,1:20, got '" + str
                               + "'");
    result[partition] = offset;
  }
  return result;
}

caf::expected<events_query> parse_events_query(const http_request& req) {
  events_query result;
  if (auto from = req.query_value("from")) {
    auto pos = parse_position(*from);
    if (!pos)
      return bad_param("from", detail::error_text(pos.error()));
    result.from = *pos;
  }
  if (auto max = req.query_value("max")) {
    if (!parse_number(*max, result.max) || result.max == 0)
      return bad_param("max", "expected a positive number, got '" + *max + "'");
    result.max = std::min(result.max, events_query::max_limit);
  }
  if (auto p = req.query_value("partition")) {
    int32_t partition = 0;
    if (!parse_number(*p, partition) || partition < 0)
      return bad_param("partition",
                       "expected a partition number, got '" + *p + "'");
    result.partition = partition;
  }
  if (auto c = req.query_value("cursor")) {
    auto parsed = parse_cursor(*c);
    if (!parsed)
      return bad_param("cursor", detail::error_text(parsed.error()));
    result.resume = std::move(*parsed);
  }
  return result;
}

void tag_invoke(json::value_from_tag, json::value& v, const event_record& x) {
  v = {{"partition", x.partition},
       {"offset", x.offset},
       {"time", format_iso8601(x.time)},
       {"type", x.type},
       {"key", x.key},
       {"data", x.data}};
}

event_record tag_invoke(json::value_to_tag<event_record>,
                        const json::value& v) {
  event_record result;
  result.partition = field<int32_t>(v, "partition");
  result.offset = field<int64_t>(v, "offset");
  auto time = parse_position(field<std::string>(v, "time"));
  if (!time || time->what != position::kind::time)
    throw detail::json_field_error("field 'time' is not an ISO-8601 time");
  result.time = time->time;
  result.type = field<std::string>(v, "type");
  result.key = field<std::string>(v, "key");
  result.data = field<json::value>(v, "data");
  return result;
}

void tag_invoke(json::value_from_tag, json::value& v, const events_page& x) {
  v = {{"topic", x.topic},
       {"events", json::value_from(x.events)},
       {"next", cursor_to_string(x.next)}};
}

events_page tag_invoke(json::value_to_tag<events_page>, const json::value& v) {
  events_page result;
  result.topic = field<std::string>(v, "topic");
  result.events = field<std::vector<event_record>>(v, "events");
  auto next = parse_cursor(field<std::string>(v, "next"));
  if (!next)
    throw detail::json_field_error("field 'next' is not a cursor");
  result.next = std::move(*next);
  return result;
}

} // namespace actorbus::admin
