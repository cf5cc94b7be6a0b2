#pragma once

#include <cstdint>
#include <string>

#include "caf/meta/type_name.hpp"

#include "actors/broker/partition_messages.hpp" // fetch_result

namespace actorbus::broker {

/// Reads stored events of one partition without a consumer group: for
/// tools (tail), for dead-letter inspection and for a service that rebuilds
/// its state from its own topic. Sent to the broker front door. Reply: a
/// `fetch_result` with at most `max_events` durable events from `from` on
/// (clamped to the partition's start) and the partition's durable end
/// offset; `max_events == 0` only asks for the end offset. Errors:
/// errc::unknown_topic, errc::unknown_partition.
///
/// With `include_unsynced`, events that are appended but not yet synced are
/// included and `end_offset` is the appended end. A restarted service reads
/// its own topic this way: every publish its killed predecessor sent before
/// dying reached the partition (through the same front door, in order)
/// before this read, so the rebuilt inbox cannot miss an effect that is
/// about to become durable. (Within one process a crash loses both.)
struct read_request {
  std::string topic;
  int32_t partition = 0;
  int64_t from = 0;
  int32_t max_events = 256;
  bool include_unsynced = false;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, read_request& x) {
  return f(caf::meta::type_name("actorbus::read_request"), x.topic, x.partition,
           x.from, x.max_events, x.include_unsynced);
}

} // namespace actorbus::broker
