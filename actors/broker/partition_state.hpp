#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "caf/expected.hpp"

#include "actors/broker/consume_messages.hpp"
#include "actors/broker/producer_table.hpp"
#include "actors/broker/recent_events.hpp"
#include "actors/broker/status_messages.hpp"
#include "actors/broker/topic_table.hpp"
#include "runtime/clock.hpp"
#include "runtime/events/envelope.hpp"
#include "runtime/log/durability_policy.hpp"
#include "runtime/log/file_system.hpp"
#include "runtime/log/partition_log.hpp"
#include "runtime/metrics/histogram_snapshot.hpp"

namespace actorbus::broker {

/// What a partition needs to open its log.
struct partition_settings {
  topic_config topic;
  int32_t partition = 0;
  std::string data_dir;
  /// Must outlive the partition; never null.
  log::file_system* fs = nullptr;
  const clock* clk = &system_clock::instance();
};

/// One topic partition: its log, durability bookkeeping and idempotent
/// producer table. Pure state (blocking I/O, no actors): the partition actor
/// owns it and decides when to call `sync()`.
///
/// Events are stored one per log record: the record payload is the whole
/// envelope (events::to_bytes), the record key the event key, the record
/// timestamp the event time in ms; the batch frame carries producer id and
/// base sequence, from which `open` rebuilds the producer table.
class partition_state {
public:
  static caf::expected<std::unique_ptr<partition_state>>
  open(partition_settings settings);

  /// Offsets per event (in order) and the end offset that must be
  /// acknowledged (`acked_end() >= needed_end`) before replying.
  struct append_outcome {
    std::vector<int64_t> offsets;
    int64_t needed_end = 0;
  };

  /// Writes the events that are not duplicates (one log append per run of
  /// consecutive sequence numbers of one producer; events without producer
  /// id form one run), without syncing. Duplicates get their original
  /// offsets. Fails with errc::sequence_gap when a producer skipped a
  /// sequence number (events before the gap are stored), or with the log's
  /// errors (errc::io_error, disk_full, log_failed, payload_too_large).
  caf::expected<append_outcome> append(std::vector<events::envelope> evs);

  /// Whether written records are not yet synced.
  bool sync_pending() const noexcept { return policy_.pending(); }

  /// fsync covering every earlier append (blocking).
  caf::error sync();

  /// The same in two phases, so that the fdatasync can run on an io worker
  /// while this state keeps appending and reading: `begin_sync` captures
  /// the written end, `pending_sync::run()` blocks on any thread,
  /// `end_sync` publishes the result (acked_end() then covers the captured
  /// end, or the log is failed and the error returned).
  caf::expected<std::shared_ptr<log::pending_sync>> begin_sync();
  caf::error end_sync(const log::pending_sync& p, caf::error result);

  /// Offsets below this may be reported to producers and delivered.
  int64_t acked_end() const noexcept { return policy_.acked_end_offset(); }

  log::durability mode() const noexcept { return policy_.mode(); }

  /// Stored events from `from` (clamped to the start) below `acked_end()`
  /// (`written_end()` with include_unsynced), at most `max_events`. Served
  /// from the newest events kept in memory when they cover `from`
  /// (topic.cache_bytes), else read back from the log.
  caf::expected<std::vector<events::envelope>>
  read(int64_t from, int32_t max_events, bool include_unsynced = false);

  /// Events `read` returns and the first offset the read did not examine.
  struct read_batch {
    std::vector<events::envelope> events;
    int64_t next = 0;
  };

  /// Most events one filtered read examines: a group that takes few of a
  /// topic's types gets an empty batch now and then instead of one read
  /// walking the whole log.
  static constexpr int64_t max_scan_events = 4096;

  /// `read`, returning only events whose type `filter` accepts (at most
  /// `max_events` of them, examining at most `max_scan_events` when the
  /// filter is not empty), and where the next read goes on.
  caf::expected<read_batch> scan(int64_t from, int32_t max_events,
                                 bool include_unsynced,
                                 const events::type_filter& filter);

  /// One past the last appended event (synced or not).
  int64_t written_end() const noexcept;

  /// The first offset still stored (retention deletes below it).
  int64_t start_offset() const noexcept;

  /// The offset a start position means for this partition.
  caf::expected<int64_t> resolve(const start_position& pos);

  /// Deletes old segments per the topic's retention.
  caf::expected<size_t> apply_retention();

  /// The log's state plus the metrics below (mailbox left 0: the actor
  /// fills it in).
  partition_status status() const;

  /// Records how long one successful publish took from arriving at the
  /// partition actor to its reply (the actor calls it when it answers).
  void publish_answered(std::chrono::nanoseconds took);

  const partition_settings& settings() const noexcept { return settings_; }

private:
  partition_state(partition_settings settings,
                  std::unique_ptr<log::partition_log> log);

  caf::error rebuild_producers();
  caf::expected<int64_t> append_run(std::vector<events::envelope>& evs,
                                    size_t first, size_t last);

  partition_settings settings_;
  std::unique_ptr<log::partition_log> log_;
  log::durability_policy policy_;
  producer_table producers_;
  recent_events recent_;
  /// Fed by the log's on_fsync hook.
  metrics::histogram_snapshot fsync_seconds_;
  metrics::histogram_snapshot durable_seconds_;
};

} // namespace actorbus::broker
