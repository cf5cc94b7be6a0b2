#include "runtime/admin/action_json.hpp"

#include <boost/json/object.hpp>

#include "runtime/admin/detail/error_text.hpp"
#include "runtime/admin/detail/json_fields.hpp"
#include "runtime/admin/http_types.hpp"

namespace actorbus::admin {

namespace json = boost::json;
using detail::field;

void tag_invoke(json::value_from_tag, json::value& v, const kill_result& x) {
  v = {{"killed", x.killed}, {"instance", x.instance}};
}

kill_result tag_invoke(json::value_to_tag<kill_result>, const json::value& v) {
  return {field<std::string>(v, "killed"), field<uint64_t>(v, "instance")};
}

void tag_invoke(json::value_from_tag, json::value& v, const offset_reset& x) {
  v = {{"partition", x.partition},
       {"old_offset", x.old_offset},
       {"new_offset", x.new_offset}};
}

offset_reset tag_invoke(json::value_to_tag<offset_reset>,
                        const json::value& v) {
  return {field<int32_t>(v, "partition"), field<int64_t>(v, "old_offset"),
          field<int64_t>(v, "new_offset")};
}

void tag_invoke(json::value_from_tag, json::value& v,
                const reset_offsets_result& x) {
  v = {{"group", x.group},
       {"topic", x.topic},
       {"to", x.to},
       {"partitions", json::value_from(x.partitions)}};
}

reset_offsets_result tag_invoke(json::value_to_tag<reset_offsets_result>,
                                const json::value& v) {
  return {field<std::string>(v, "group"), field<std::string>(v, "topic"),
          field<std::string>(v, "to"),
          field<std::vector<offset_reset>>(v, "partitions")};
}

void tag_invoke(json::value_from_tag, json::value& v,
                const dlq_replay_result& x) {
  v = {
    {"topic", x.topic}, {"dlq_topic", x.dlq_topic}, {"replayed", x.replayed}};
}

dlq_replay_result tag_invoke(json::value_to_tag<dlq_replay_result>,
                             const json::value& v) {
  return {field<std::string>(v, "topic"), field<std::string>(v, "dlq_topic"),
          field<int64_t>(v, "replayed")};
}

caf::expected<position> reset_target(const http_request& req) {
  auto to = req.query_value("to");
  if (!to)
    return caf::make_error(errc::bad_request,
                           "missing ?to=earliest|latest|<offset>|<time>");
  auto pos = parse_position(*to);
  if (!pos)
    return caf::make_error(errc::bad_request,
                           "to: " + detail::error_text(pos.error()));
  return pos;
}

} // namespace actorbus::admin
