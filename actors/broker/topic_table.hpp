#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "caf/expected.hpp"

#include "runtime/config/node_config.hpp"
#include "runtime/log/durability_policy.hpp"

namespace actorbus::broker {

/// Everything the broker needs to know about one topic.
struct topic_config {
  std::string name;
  int32_t partitions = 1;
  log::durability durability = log::durability::interval;
  std::chrono::milliseconds sync_interval{50};
  uint64_t segment_bytes = 64 * 1024 * 1024;
  uint64_t retention_bytes = 0;
  std::chrono::milliseconds retention_age{0};
  uint64_t max_payload_bytes = 1024 * 1024;
  /// Newest events kept in memory per partition for consumers at the tail
  /// (recent_events); 0 = every read goes to the log.
  uint64_t cache_bytes = 1024 * 1024;
};

/// Returns the suffix-free name of a dead-letter topic's origin ("orders"
/// for "orders.dlq"), or an empty string for other topics.
std::string dlq_origin(const std::string& topic);

/// Returns "<topic>.dlq".
std::string dlq_topic(const std::string& topic);

/// The topics of one broker: declared up front (from code), found on disk at
/// start (`adopt`), or created on first use when `auto_create` is on. A topic
/// that is not declared by code gets the [broker] defaults overridden by its
/// `[topics.<name>]` section, if any (`broker_options::topics`); a topic
/// found on disk keeps the partition count of its log, whatever the config
/// says now (key partitioning must not change under stored events).
/// Dead-letter topics (`<topic>.dlq`) of known topics are always created on
/// demand, with the origin's settings. Plain state; the broker actor owns it.
class topic_table {
public:
  /// `defaults` gives the settings of auto-created topics; `declared` are
  /// created at once (their fields override the defaults), and so is every
  /// topic with a section in `defaults.topics`.
  topic_table(const broker_options& defaults,
              std::vector<topic_config> declared = {});

  /// Converts the [broker] section into a topic template (errors only for an
  /// unknown durability name).
  static caf::expected<topic_config> defaults_from(const broker_options& opts);

  /// The settings a new topic `name` gets: the defaults with its
  /// `[topics.<name>]` overrides (errc::invalid_config for a bad durability
  /// name in an override).
  caf::expected<topic_config> config_for(const std::string& name) const;

  /// Registers a topic found on disk with `partitions` partitions (a declared
  /// topic keeps its settings but takes the disk's partition count). Returns
  /// the configured partition count when it differed, so that the caller can
  /// say so.
  std::optional<int32_t> adopt(const std::string& name, int32_t partitions);

  /// The topic, creating it if allowed; errc::unknown_topic otherwise, and
  /// errc::invalid_argument for an empty name.
  caf::expected<const topic_config*> find_or_create(const std::string& name);

  /// The topic if it exists, else nullptr.
  const topic_config* find(const std::string& name) const;

  /// Whether the last `find_or_create` created the topic.
  bool created_last() const noexcept { return created_last_; }

  std::vector<const topic_config*> all() const;

private:
  topic_config template_;
  std::vector<topic_options> overrides_;
  bool auto_create_;
  bool created_last_ = false;
  std::map<std::string, topic_config> topics_;
};

} // namespace actorbus::broker
