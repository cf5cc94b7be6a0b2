#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include <boost/json/value.hpp>
#include <boost/uuid/uuid.hpp>
#include <boost/uuid/uuid_io.hpp> // boost::uuids::to_string(id)

#include "caf/deserializer.hpp"
#include "caf/meta/type_name.hpp"
#include "caf/serializer.hpp"
#include "caf/timestamp.hpp"

namespace boost::uuids {

/// Serializes a UUID as its 16 raw bytes (CAF 0.17 inspect, found by ADL).
/// CAF's (de)serializers get them in one apply_raw call, which writes the
/// same bytes as `f(x.data)` (an array has no length prefix) without a
/// virtual call and a vector insert per byte; other inspectors (e.g.
/// to_string) see the array.
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, uuid& x) {
  if constexpr (std::is_base_of<caf::serializer, Inspector>::value
                || std::is_base_of<caf::deserializer, Inspector>::value)
    return f.apply_raw(sizeof(x.data), x.data);
  else
    return f(x.data);
}

} // namespace boost::uuids

namespace actorbus::events {

/// Headers whose names the broker writes on dead letters.
namespace header {
constexpr const char* dlq_group = "dlq.group";
constexpr const char* dlq_topic = "dlq.topic";
constexpr const char* dlq_partition = "dlq.partition";
constexpr const char* dlq_offset = "dlq.offset";
constexpr const char* dlq_attempts = "dlq.attempts";
constexpr const char* dlq_error = "dlq.error";
} // namespace header

/// One event as it travels and as it is stored: metadata plus the payload,
/// which is the typed event encoded with CAF's binary serializer (see
/// event_codec.hpp). The producer fills id, topic, key, type, time, headers
/// and payload; the broker assigns `partition` and `offset`. `producer_id`
/// and `sequence` make publishes idempotent (empty id: not idempotent).
struct envelope {
  boost::uuids::uuid id{};
  std::string topic;
  int32_t partition = -1;
  int64_t offset = -1;
  std::string key;
  std::string type;
  caf::timestamp time{};
  std::string correlation_id;
  std::string causation_id;
  std::map<std::string, std::string> headers;
  std::string producer_id;
  int64_t sequence = -1;
  std::vector<char> payload;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, envelope& x) {
  return f(caf::meta::type_name("actorbus::envelope"), x.id, x.topic,
           x.partition, x.offset, x.key, x.type, x.time, x.correlation_id,
           x.causation_id, x.headers, x.producer_id, x.sequence, x.payload);
}

/// Returns a fresh random (version 4) event id. Thread-safe.
boost::uuids::uuid make_event_id();

/// Returns the envelope's metadata as JSON; the payload appears as its size
/// ("payload_bytes"). event_registry::to_json adds the decoded event.
boost::json::object metadata_json(const envelope& x);

/// Serializes an envelope to bytes (the log record format of the broker).
std::vector<char> to_bytes(const envelope& x);

/// Parses bytes written by `to_bytes`; false on truncated or malformed input.
bool from_bytes(const char* data, size_t size, envelope& out);

} // namespace actorbus::events
