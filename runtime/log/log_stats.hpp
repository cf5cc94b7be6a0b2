#pragma once

#include <chrono>
#include <cstdint>

namespace actorbus::log {

/// Counters of one partition log, for metrics. Cumulative since open except
/// `bytes` and `segments`, which describe the log as it is now.
struct log_stats {
  /// Total size of all segment files.
  uint64_t bytes = 0;
  /// Number of segments (sealed + the active one).
  uint64_t segments = 0;
  /// Batches and records appended since open.
  uint64_t appended_batches = 0;
  uint64_t appended_records = 0;
  /// fdatasync calls on segment files (explicit syncs and syncs before a
  /// segment roll) and their cumulative latency.
  uint64_t fsyncs = 0;
  std::chrono::nanoseconds fsync_time{0};
  /// Bytes of torn tail truncated by recovery on open.
  uint64_t recovered_bytes_dropped = 0;
  /// Index files rebuilt from their segment on open.
  uint64_t indexes_rebuilt = 0;
  /// Segments deleted by retention.
  uint64_t segments_deleted = 0;
};

} // namespace actorbus::log
