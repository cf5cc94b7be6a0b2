#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "caf/actor.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/stateful_actor.hpp"
#include "caf/system_messages.hpp"

#include "actors/broker/consume_messages.hpp"
#include "actors/broker/group_state.hpp"

namespace actorbus::broker {

/// What a coordinator needs: its group settings, the topic's partition
/// actors (index = partition), the offsets actor, the broker (for dead
/// letters) and where to start partitions without a committed offset.
struct coordinator_config {
  group_settings settings;
  std::vector<caf::actor> partitions;
  caf::actor offsets;
  caf::actor broker;
  start_position start;
};

/// The coordinator of one consumer group on one topic: a thin shell over
/// `group_state`. It loads the committed offsets (or resolves the start
/// position) per partition, long-polls the partition actors for events,
/// sends `delivery_batch`es to members within their credit, monitors the
/// members (a `down_msg` counts as a death: its in-flight events are
/// redelivered), commits acked prefixes through the offsets actor (one
/// commit request in flight at a time; what piles up meanwhile goes out
/// with the next, so a restart resumes from at most one commit behind the
/// acks, and the inboxes of resumable consumers absorb that), publishes
/// dead letters through the broker and wakes itself for ack deadlines and
/// retry delays.
///
/// Messages: join_request -> join_result; ack_msg; nack_msg; leave_msg;
/// reset_offsets_request -> reset_offsets_result; status_request ->
/// group_status.
struct coordinator_state {
  std::optional<group_state> group;
  coordinator_config cfg;
  std::map<std::string, caf::actor> members;
  std::optional<group_state::time_point> wakeup_at;
  /// Partition -> committed offset not yet sent to the offsets actor.
  std::map<int32_t, int64_t> commits_due;
  bool commit_in_flight = false;
  static inline const char* name = "coordinator";
};

caf::behavior coordinator_actor(caf::stateful_actor<coordinator_state>* self,
                                coordinator_config cfg);

} // namespace actorbus::broker
