#include "runtime/admin/status_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "runtime/admin/detail/json_fields.hpp"

namespace actorbus::admin {

namespace json = boost::json;
using detail::field;

void tag_invoke(json::value_from_tag, json::value& v,
                const partition_status& x) {
  v = {{"partition", x.partition},
       {"start_offset", x.start_offset},
       {"end_offset", x.end_offset},
       {"bytes", x.bytes},
       {"segments", x.segments}};
}

partition_status tag_invoke(json::value_to_tag<partition_status>,
                            const json::value& v) {
  return {field<int32_t>(v, "partition"), field<int64_t>(v, "start_offset"),
          field<int64_t>(v, "end_offset"), field<int64_t>(v, "bytes"),
          field<int64_t>(v, "segments")};
}

void tag_invoke(json::value_from_tag, json::value& v, const topic_status& x) {
  v = {{"name", x.name}, {"partitions", json::value_from(x.partitions)}};
}

topic_status tag_invoke(json::value_to_tag<topic_status>,
                        const json::value& v) {
  return {field<std::string>(v, "name"),
          field<std::vector<partition_status>>(v, "partitions")};
}

void tag_invoke(json::value_from_tag, json::value& v, const member_status& x) {
  v = {{"member", x.member},
       {"partitions", json::value_from(x.partitions)},
       {"in_flight", x.in_flight}};
}

member_status tag_invoke(json::value_to_tag<member_status>,
                         const json::value& v) {
  return {field<std::string>(v, "member"),
          field<std::vector<int32_t>>(v, "partitions"),
          field<int64_t>(v, "in_flight")};
}

void tag_invoke(json::value_from_tag, json::value& v,
                const group_partition_status& x) {
  v = {{"partition", x.partition},
       {"committed", x.committed},
       {"end_offset", x.end_offset},
       {"lag", x.lag}};
}

group_partition_status tag_invoke(json::value_to_tag<group_partition_status>,
                                  const json::value& v) {
  return {field<int32_t>(v, "partition"), field<int64_t>(v, "committed"),
          field<int64_t>(v, "end_offset"), field<int64_t>(v, "lag")};
}

void tag_invoke(json::value_from_tag, json::value& v, const group_status& x) {
  v = {{"group", x.group},
       {"topic", x.topic},
       {"types", json::value_from(x.types)},
       {"members", json::value_from(x.members)},
       {"partitions", json::value_from(x.partitions)}};
}

group_status tag_invoke(json::value_to_tag<group_status>,
                        const json::value& v) {
  return {field<std::string>(v, "group"), field<std::string>(v, "topic"),
          field<std::vector<member_status>>(v, "members"),
          field<std::vector<group_partition_status>>(v, "partitions"),
          field<std::vector<std::string>>(v, "types")};
}

void tag_invoke(json::value_from_tag, json::value& v,
                const supervised_status& x) {
  v = {{"name", x.name},         {"supervisor", x.supervisor},
       {"state", x.state},       {"instance", x.instance},
       {"restarts", x.restarts}, {"last_reason", x.last_reason}};
}

supervised_status tag_invoke(json::value_to_tag<supervised_status>,
                             const json::value& v) {
  return {field<std::string>(v, "name"),  field<std::string>(v, "supervisor"),
          field<std::string>(v, "state"), field<uint64_t>(v, "instance"),
          field<int64_t>(v, "restarts"),  field<std::string>(v, "last_reason")};
}

void tag_invoke(json::value_from_tag, json::value& v, const node_status& x) {
  v = {{"node", x.node},
       {"uptime_s", x.uptime_s},
       {"topics", json::value_from(x.topics)},
       {"groups", json::value_from(x.groups)},
       {"supervision", json::value_from(x.supervision)}};
}

node_status tag_invoke(json::value_to_tag<node_status>, const json::value& v) {
  return {field<std::string>(v, "node"), field<double>(v, "uptime_s"),
          field<std::vector<topic_status>>(v, "topics"),
          field<std::vector<group_status>>(v, "groups"),
          field<std::vector<supervised_status>>(v, "supervision")};
}

json::value topics_json(const std::vector<topic_status>& xs) {
  return {{"topics", json::value_from(xs)}};
}

json::value groups_json(const std::vector<group_status>& xs) {
  return {{"groups", json::value_from(xs)}};
}

caf::expected<node_status> status_from_json(const json::value& v) {
  return detail::parse_json_as<node_status>(v);
}

caf::expected<std::vector<topic_status>>
topics_from_json(const json::value& v) {
  try {
    return field<std::vector<topic_status>>(v, "topics");
  } catch (const std::exception& ex) {
    return caf::make_error(errc::bad_request,
                           std::string{"unexpected JSON: "} + ex.what());
  }
}

caf::expected<std::vector<group_status>>
groups_from_json(const json::value& v) {
  try {
    return field<std::vector<group_status>>(v, "groups");
  } catch (const std::exception& ex) {
    return caf::make_error(errc::bad_request,
                           std::string{"unexpected JSON: "} + ex.what());
  }
}

} // namespace actorbus::admin
