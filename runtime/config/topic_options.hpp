#pragma once

// Per-topic settings from the config file: one `[topics.<name>]` section per
// topic, each key optional and overriding the `[broker]` default of the same
// name (`partitions` overrides `broker.default-partitions`):
//
//   [topics.payments]
//   partitions=8
//   durability="always"
//   retention-age=24h
//
// The validator checks these sections like every other key (type, range,
// unknown keys); `topic_options_from` then only copies what is there.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caf/settings.hpp"
#include "caf/timespan.hpp"

namespace actorbus {

struct topic_options {
  std::string name;
  std::optional<int64_t> partitions;
  std::optional<std::string> durability;
  std::optional<caf::timespan> sync_interval;
  std::optional<int64_t> segment_bytes;
  std::optional<int64_t> retention_bytes;
  std::optional<caf::timespan> retention_age;
  std::optional<int64_t> max_payload_bytes;
  std::optional<int64_t> cache_bytes;
};

/// The config section that holds the topic sections.
constexpr std::string_view topics_section = "topics";

/// The `[broker]` key whose type and range a topic key shares
/// ("partitions" -> "broker.default-partitions"), or empty for an unknown key.
std::string broker_key_of(std::string_view topic_key);

/// The keys a topic section accepts, for error messages.
std::string_view topic_keys_text();

/// Copies every `[topics.<name>]` section of a validated config file.
std::vector<topic_options> topic_options_from(const caf::settings& raw);

} // namespace actorbus
