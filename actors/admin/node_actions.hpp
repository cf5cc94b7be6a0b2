#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "caf/actor.hpp"
#include "caf/actor_system.hpp"

#include "runtime/admin/http_types.hpp"

namespace actorbus::admin {

/// Where the next dead-letter replay of a topic continues: the next offset
/// per partition of `<topic>.dlq`, so that replaying twice does not publish
/// the same letters twice. Kept in memory by the node's admin endpoint: a
/// restarted node starts again from the beginning of the dead-letter topic.
/// At most one replay per topic runs at a time. Thread-safe.
class dlq_cursors {
public:
  /// Marks a replay of `topic` as running; false while another one runs.
  /// (Where a replay continues is the broker's durable replay position.)
  bool begin(const std::string& topic);

  /// Ends the running replay of `topic`.
  void end(const std::string& topic);

private:
  std::mutex mtx_;
  std::set<std::string> running_;
};

/// `POST /groups/<group>/topics/<topic>/reset-offsets?to=<position>`
/// (docs/admin-api.md): checks that the topic and the group exist (404
/// otherwise; 400 for a missing or bad `to`), asks the broker to move the
/// group's offsets and answers with the old and new offset per partition.
/// Does not block: the work runs in a short-lived actor spawned in `sys`.
/// `broker` may be invalid (503, node without a broker).
void reset_offsets_route(caf::actor_system& sys, const caf::actor& broker,
                         const http_request& req, responder reply);

/// `POST /topics/<topic>/dlq/replay`: publishes up to 1000 dead letters of
/// `topic` again to `topic`, continuing from the broker's durable replay
/// position (so a letter is replayed once, also across restarts), and
/// answers with how many it published. 404 for an unknown
/// topic, 409 while another replay of the topic runs, 503 without a broker.
void dlq_replay_route(caf::actor_system& sys, const caf::actor& broker,
                      std::shared_ptr<dlq_cursors> cursors,
                      const http_request& req, responder reply);

} // namespace actorbus::admin
