#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "caf/actor.hpp"
#include "caf/meta/type_name.hpp"
#include "caf/timespan.hpp"

#include "runtime/events/envelope.hpp"

namespace actorbus::broker {

using events::envelope;

/// Where a group starts reading a partition that has no committed offset,
/// or where `reset_offsets_request` moves it. `value` is the offset for
/// `offset` and milliseconds since the epoch for `timestamp`.
struct start_position {
  enum kind_t : uint8_t { earliest, latest, offset, timestamp };
  kind_t kind = earliest;
  int64_t value = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, start_position& x) {
  return f(caf::meta::type_name("actorbus::start_position"), x.kind, x.value);
}

/// A consumer actor joins `group` on `topic`. Sent to the broker front door,
/// which forwards it to the group's coordinator; the reply `join_result`
/// names the coordinator, to which acks, nacks and leave go directly. The
/// coordinator monitors `member`; its death counts as leaving. `credit` is
/// the member's window (max unacked events); 0 means the configured default.
/// `start` applies only to partitions without a committed offset.
///
/// `types` is the group's type filter (events::type_filter; empty: every
/// type): the group receives only events of these types, and the broker
/// passes over the others (the committed offset moves past them). The
/// filter belongs to the group: a join with other members present must ask
/// for the same types (else errc::invalid_argument, naming both); a join of
/// the only member may change it, which applies to events not yet
/// delivered.
struct join_request {
  std::string group;
  std::string topic;
  caf::actor member;
  int64_t credit = 0;
  start_position start;
  std::vector<std::string> types;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, join_request& x) {
  return f(caf::meta::type_name("actorbus::join_request"), x.group, x.topic,
           x.member, x.credit, x.start, x.types);
}

struct join_result {
  caf::actor coordinator;
  int64_t credit = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, join_result& x) {
  return f(caf::meta::type_name("actorbus::join_result"), x.coordinator,
           x.credit);
}

/// One delivered event with its attempt number (1 = first delivery) and the
/// partition's generation: it grows whenever the coordinator takes events of
/// the partition back for redelivery (nack, timeout, member change, reset),
/// so a consumer that nacked at generation g knows that deliveries with a
/// generation <= g were sent before the broker saw its nack.
///
/// `skipped` (first deliveries only, else 0): how many events right before
/// this one (offsets event.offset - skipped up to event.offset - 1) the
/// group never delivered because its type filter passed over them. A
/// consumer that saw offset o last and gets o + 1 + skipped next knows that
/// nobody handled anything in between.
struct delivery {
  envelope event;
  int32_t attempt = 1;
  int64_t generation = 0;
  int64_t skipped = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, delivery& x) {
  return f(caf::meta::type_name("actorbus::delivery"), x.event, x.attempt,
           x.generation, x.skipped);
}

/// Sent by a coordinator to a member (no reply). Events of one partition
/// are in offset order.
struct delivery_batch {
  std::string group;
  std::string topic;
  caf::actor coordinator;
  std::vector<delivery> deliveries;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, delivery_batch& x) {
  return f(caf::meta::type_name("actorbus::delivery_batch"), x.group, x.topic,
           x.coordinator, x.deliveries);
}

/// Identifies one delivered event in acks and nacks.
struct event_ref {
  int32_t partition = 0;
  int64_t offset = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, event_ref& x) {
  return f(caf::meta::type_name("actorbus::event_ref"), x.partition, x.offset);
}

/// The member processed these events (to the coordinator, no reply).
struct ack_msg {
  caf::actor member;
  std::vector<event_ref> events;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, ack_msg& x) {
  return f(caf::meta::type_name("actorbus::ack_msg"), x.member, x.events);
}

/// The member failed to process an event; redeliver it no earlier than
/// `retry_delay` from now (to the coordinator, no reply).
struct nack_msg {
  caf::actor member;
  event_ref event;
  caf::timespan retry_delay{0};
  std::string error;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, nack_msg& x) {
  return f(caf::meta::type_name("actorbus::nack_msg"), x.member, x.event,
           x.retry_delay, x.error);
}

/// The member leaves the group; its unacked events are redelivered to the
/// remaining members (to the coordinator, reply: none).
struct leave_msg {
  caf::actor member;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, leave_msg& x) {
  return f(caf::meta::type_name("actorbus::leave_msg"), x.member);
}

/// Moves a group's committed offsets on every partition of `topic` (to the
/// broker; reply: the new committed offsets per partition). In-flight events
/// are abandoned (late acks for them are ignored) and delivery restarts at
/// the new position.
struct reset_offsets_request {
  std::string group;
  std::string topic;
  start_position position;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f,
                                        reset_offsets_request& x) {
  return f(caf::meta::type_name("actorbus::reset_offsets_request"), x.group,
           x.topic, x.position);
}

struct reset_offsets_result {
  std::vector<int64_t> offsets;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, reset_offsets_result& x) {
  return f(caf::meta::type_name("actorbus::reset_offsets_result"), x.offsets);
}

} // namespace actorbus::broker
