#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

#include "caf/expected.hpp"

namespace actorbus::admin {

/// Plain structs behind `GET /status`, `/topics` and `/groups` (see
/// docs/admin-api.md). The node fills them from the broker and supervisor;
/// `to_json` turns them into the documented JSON, `status_from_json` and
/// friends parse it back (actorbusctl). Field names equal the JSON keys.

struct partition_status {
  int32_t partition = 0;
  int64_t start_offset = 0;
  int64_t end_offset = 0;
  int64_t bytes = 0;
  int64_t segments = 0;
};

struct topic_status {
  std::string name;
  std::vector<partition_status> partitions;
};

struct member_status {
  std::string member;
  std::vector<int32_t> partitions;
  int64_t in_flight = 0;
};

struct group_partition_status {
  int32_t partition = 0;
  int64_t committed = 0;
  int64_t end_offset = 0;
  int64_t lag = 0;
};

struct group_status {
  std::string group;
  std::string topic;
  std::vector<member_status> members;
  std::vector<group_partition_status> partitions;
  /// The group's type filter; empty: every type.
  std::vector<std::string> types;
};

/// One supervised child. `state` is e.g. "running", "restarting", "stopped",
/// "failed"; `instance` is the CAF actor id of the current incarnation (0
/// when none runs); `last_reason` is empty before the first failure.
struct supervised_status {
  std::string name;
  std::string supervisor;
  std::string state;
  uint64_t instance = 0;
  int64_t restarts = 0;
  std::string last_reason;
};

struct node_status {
  std::string node;
  double uptime_s = 0;
  std::vector<topic_status> topics;
  std::vector<group_status> groups;
  std::vector<supervised_status> supervision;
};

/// `{"topics": [...]}` for GET /topics.
boost::json::value topics_json(const std::vector<topic_status>& xs);

/// `{"groups": [...]}` for GET /groups.
boost::json::value groups_json(const std::vector<group_status>& xs);

/// Parses a /status document; `errc::bad_request` names the first missing
/// or mistyped field.
caf::expected<node_status> status_from_json(const boost::json::value& v);
caf::expected<std::vector<topic_status>>
topics_from_json(const boost::json::value& v);
caf::expected<std::vector<group_status>>
groups_from_json(const boost::json::value& v);

// Boost.JSON customization points (found by ADL): value_from(x) / value_to<T>.
#define ACTORBUS_ADMIN_JSON(type)                                              \
  void tag_invoke(boost::json::value_from_tag, boost::json::value& v,          \
                  const type& x);                                              \
  type tag_invoke(boost::json::value_to_tag<type>, const boost::json::value& v);
ACTORBUS_ADMIN_JSON(partition_status)
ACTORBUS_ADMIN_JSON(topic_status)
ACTORBUS_ADMIN_JSON(member_status)
ACTORBUS_ADMIN_JSON(group_partition_status)
ACTORBUS_ADMIN_JSON(group_status)
ACTORBUS_ADMIN_JSON(supervised_status)
ACTORBUS_ADMIN_JSON(node_status)
#undef ACTORBUS_ADMIN_JSON

} // namespace actorbus::admin
