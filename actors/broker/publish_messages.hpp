#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "caf/meta/type_name.hpp"

#include "runtime/events/envelope.hpp"

namespace actorbus::broker {

using events::envelope;

/// Publish one or more events to one topic. Sent to the broker front door;
/// the reply is a `publish_result` or an error.
///
/// Each envelope names its partition (`partition >= 0`, e.g. chosen by the
/// producer with events::partition_for_key) or leaves it to the broker
/// (`-1`: by key hash, round robin for an empty key). For idempotence every
/// envelope carries `producer_id` and a `sequence` that starts at 0 and grows
/// by one per event per (producer, partition); a retry resends the same
/// sequence numbers and is answered with the original offsets.
///
/// The reply arrives only once every event is stored under the topic's
/// durability policy (always/interval: fsynced; none: written).
/// Errors: errc::unknown_topic (auto-create off), errc::payload_too_large,
/// errc::sequence_gap, errc::io_error/disk_full/log_failed,
/// errc::shutting_down, errc::invalid_argument (empty batch, bad partition).
struct publish_request {
  std::string topic;
  std::vector<envelope> events;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, publish_request& x) {
  return f(caf::meta::type_name("actorbus::publish_request"), x.topic,
           x.events);
}

/// Where each published event landed, in request order.
struct publish_result {
  std::vector<int32_t> partitions;
  std::vector<int64_t> offsets;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, publish_result& x) {
  return f(caf::meta::type_name("actorbus::publish_result"), x.partitions,
           x.offsets);
}

/// Asks for a topic's partition count (creating the topic if auto-create is
/// on). Reply: `topic_metadata` or errc::unknown_topic.
struct topic_metadata_request {
  std::string topic;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f,
                                        topic_metadata_request& x) {
  return f(caf::meta::type_name("actorbus::topic_metadata_request"), x.topic);
}

struct topic_metadata {
  std::string topic;
  int32_t partitions = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, topic_metadata& x) {
  return f(caf::meta::type_name("actorbus::topic_metadata"), x.topic,
           x.partitions);
}

/// Republishes dead letters of `<topic>.dlq` into `topic` (the original
/// topic named by each letter's dlq.topic header). Reads every dlq partition
/// from `from_offsets[p]` (missing entries: 0) up to its end at the time of
/// the request, at most `max_events` in total. Reply: `replay_result`.
/// With `from_offsets` empty the broker continues from its own durable
/// replay position (kept in the offset store under the group
/// `__dlq-replay`) and commits the new position after the letters are
/// republished, so a letter is replayed once, also across restarts.
struct replay_dlq_request {
  std::string topic;
  std::vector<int64_t> from_offsets;
  int64_t max_events = 1000;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, replay_dlq_request& x) {
  return f(caf::meta::type_name("actorbus::replay_dlq_request"), x.topic,
           x.from_offsets, x.max_events);
}

/// How many letters were republished and, per dlq partition, the offset to
/// pass as `from_offsets` to continue without replaying twice.
struct replay_result {
  int64_t replayed = 0;
  std::vector<int64_t> next_offsets;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, replay_result& x) {
  return f(caf::meta::type_name("actorbus::replay_result"), x.replayed,
           x.next_offsets);
}

} // namespace actorbus::broker
