#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

#include "caf/expected.hpp"

#include "runtime/admin/position.hpp"

namespace actorbus::admin {

struct http_request;

/// Answer of `POST /actors/<name>/kill`: `{"killed": name, "instance": id}`,
/// `instance` being the CAF actor id of the incarnation that was killed.
struct kill_result {
  std::string killed;
  uint64_t instance = 0;
};

/// One partition of `POST /groups/<g>/topics/<t>/reset-offsets`.
struct offset_reset {
  int32_t partition = 0;
  int64_t old_offset = 0;
  int64_t new_offset = 0;
};

/// Answer of reset-offsets: `{"group", "topic", "to", "partitions": [...]}`.
struct reset_offsets_result {
  std::string group;
  std::string topic;
  std::string to;
  std::vector<offset_reset> partitions;
};

/// Answer of `POST /topics/<t>/dlq/replay`: how many dead letters of `topic`
/// (kept in `dlq_topic`) were published again.
struct dlq_replay_result {
  std::string topic;
  std::string dlq_topic;
  int64_t replayed = 0;
};

/// Reads the required `?to=` of a reset-offsets request; `errc::bad_request`
/// when missing or malformed.
caf::expected<position> reset_target(const http_request& req);

#define ACTORBUS_ADMIN_JSON(type)                                              \
  void tag_invoke(boost::json::value_from_tag, boost::json::value& v,          \
                  const type& x);                                              \
  type tag_invoke(boost::json::value_to_tag<type>, const boost::json::value& v);
ACTORBUS_ADMIN_JSON(kill_result)
ACTORBUS_ADMIN_JSON(offset_reset)
ACTORBUS_ADMIN_JSON(reset_offsets_result)
ACTORBUS_ADMIN_JSON(dlq_replay_result)
#undef ACTORBUS_ADMIN_JSON

} // namespace actorbus::admin
