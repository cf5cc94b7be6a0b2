#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "caf/meta/type_name.hpp"

#include "actors/broker/consume_messages.hpp"
#include "runtime/events/envelope.hpp"

namespace actorbus::broker {

/// Broker -> partition actor: append events that all belong to this
/// partition (partition already set). Reply: `append_result` once durable
/// under the topic's policy, or an error.
struct append_request {
  std::vector<events::envelope> events;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, append_request& x) {
  return f(caf::meta::type_name("actorbus::append_request"), x.events);
}

/// Offsets of the appended (or deduplicated) events, in request order.
struct append_result {
  std::vector<int64_t> offsets;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, append_result& x) {
  return f(caf::meta::type_name("actorbus::append_result"), x.offsets);
}

/// Coordinator -> partition actor: events from `from` on (clamped to the
/// partition's start), at most `max_events`, only durable ones (unless
/// `include_unsynced`: then also appended ones, see read_request). With `wait`
/// this is a long poll: when nothing is available yet, the reply waits until
/// events arrive; without, the reply may be empty. Reply: `fetch_result`.
///
/// With `types` (a group's type filter, see join_request) only events of
/// those types are returned, and the read examines at most
/// `partition_state::max_scan_events` events, so the reply may be empty
/// although events were read; its `next_offset` says where to go on.
struct fetch_request {
  int64_t from = 0;
  int32_t max_events = 256;
  bool wait = true;
  bool include_unsynced = false;
  std::vector<std::string> types;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, fetch_request& x) {
  return f(caf::meta::type_name("actorbus::fetch_request"), x.from,
           x.max_events, x.wait, x.include_unsynced, x.types);
}

/// `next_offset`: the first offset the read did not examine (the next fetch
/// starts there; `from`, clamped to the partition's start, when it examined
/// nothing); events below it that are not in `events` were passed over by
/// the type filter. -1 only in a result no partition filled in.
struct fetch_result {
  std::vector<events::envelope> events;
  int64_t end_offset = 0;
  int64_t next_offset = -1;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, fetch_result& x) {
  return f(caf::meta::type_name("actorbus::fetch_result"), x.events,
           x.end_offset, x.next_offset);
}

/// Resolves a start position to an offset of this partition. Reply: int64_t.
struct resolve_request {
  start_position position;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, resolve_request& x) {
  return f(caf::meta::type_name("actorbus::resolve_request"), x.position);
}

} // namespace actorbus::broker
