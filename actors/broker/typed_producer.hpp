#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "caf/expected.hpp"

#include "actors/broker/publish_messages.hpp"
#include "runtime/errc.hpp"
#include "runtime/events/event_codec.hpp"
#include "runtime/events/partitioner.hpp"

namespace actorbus::broker {

/// Turns a typed event into an envelope (fresh id, type name, payload);
/// topic, partition, offset and sequence are filled in later.
template <class T>
events::envelope make_envelope(std::string key, const T& event,
                               std::string correlation_id = {},
                               std::string causation_id = {}) {
  events::envelope ev;
  ev.id = events::make_event_id();
  ev.key = std::move(key);
  ev.type = std::string{events::event_type_name_v<T>};
  ev.correlation_id = std::move(correlation_id);
  ev.causation_id = std::move(causation_id);
  ev.payload = events::encode(event);
  return ev;
}

/// The producer side of idempotent publishing, usable from any actor (no
/// actor inside): it owns a producer id, learns each topic's partition count
/// (from a `topic_metadata` reply), puts every event into its key's
/// partition (murmur2, round robin for empty keys) and numbers the events
/// per partition 0, 1, 2, ... A `publish_request` built by `prepare` can be
/// resent unchanged after a timeout or a retryable error: the broker answers
/// duplicates with their original offsets and stores them once, also across
/// broker restarts. Do not `prepare` a new request for events whose earlier
/// request may still land: that would give them new sequence numbers.
class typed_producer {
public:
  explicit typed_producer(std::string producer_id);

  /// A producer with a random (UUID) id.
  typed_producer();

  const std::string& id() const noexcept { return id_; }

  void learn(const topic_metadata& meta);

  bool knows(const std::string& topic) const;

  /// Assigns partitions and sequence numbers; errc::unknown_topic if the
  /// topic's partition count was not learned yet.
  caf::expected<publish_request> prepare(const std::string& topic,
                                         std::vector<events::envelope> evs);

  /// One typed event.
  template <class T>
  caf::expected<publish_request>
  prepare(const std::string& topic, std::string key, const T& event,
          std::string correlation_id = {}, std::string causation_id = {}) {
    std::vector<events::envelope> evs;
    evs.push_back(make_envelope(std::move(key), event,
                                std::move(correlation_id),
                                std::move(causation_id)));
    return prepare(topic, std::move(evs));
  }

private:
  struct topic_info {
    int32_t partitions = 0;
    uint64_t round_robin = 0;
    std::vector<int64_t> next_sequence;
  };

  std::string id_;
  std::map<std::string, topic_info> topics_;
};

} // namespace actorbus::broker
