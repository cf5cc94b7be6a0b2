#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "caf/expected.hpp"

#include "runtime/clock.hpp"

namespace actorbus::log {

/// When appended records are fsynced (per topic, `[broker] durability`).
enum class durability {
  /// fdatasync after every group of appends; nothing is acknowledged before
  /// the sync that covers it returned.
  always,
  /// Acknowledged when written (page cache), fdatasync at most `interval`
  /// after the first unsynced append: the contract of Redis `appendfsync
  /// everysec`. A crash of the process loses nothing acknowledged; a power
  /// loss (or kernel crash) may lose what was acknowledged in the last
  /// interval.
  interval,
  /// Never fsync on the append path (page cache only; for benchmarks).
  /// Appends are acknowledged as soon as they are written; a power loss may
  /// lose any of them. (Segment rolls are still synced, see FORMAT.md.)
  none,
};

/// Parses "always", "interval" or "none" (errc::invalid_config otherwise).
caf::expected<durability> parse_durability(std::string_view str);

std::string_view to_string(durability x) noexcept;

/// Decides when the owner of a `partition_log` (or `offset_store`) syncs and
/// which appended offsets it may acknowledge. Pure bookkeeping: it never
/// sleeps, never starts threads and never touches the disk; the owner (the
/// broker's partition actor) owns the timer and calls `sync()` itself:
///
///   log.append(batch);  policy.appended(log.end_offset());
///   if (policy.sync_now()) { log.sync();
///   policy.synced(log.durable_end_offset()); } else if (auto d =
///   policy.sync_after()) arm_timer_once(*d);
///   // on the timer: if (policy.sync_now()) { sync as above }
///   ack every offset < policy.acked_end_offset();
///
/// Not thread-safe; one owner.
class durability_policy {
public:
  durability_policy(durability mode, std::chrono::milliseconds interval,
                    const clock& clk = system_clock::instance());

  durability mode() const noexcept { return mode_; }

  /// Records that every offset below `end_offset` has been written.
  void appended(int64_t end_offset);

  /// Records a successful sync: every offset below `durable_end` is durable.
  /// Call it once right after opening the log with its `durable_end_offset()`
  /// (everything recovered from disk counts as durable).
  void synced(int64_t durable_end);

  /// True when the owner must sync now: `always` with unsynced appends, or
  /// `interval` with unsynced appends older than the interval. Never true for
  /// `none`.
  bool sync_now() const;

  /// For `interval` with unsynced appends: how long until `sync_now()`
  /// becomes true (zero if it already is). `nullopt` otherwise; the owner
  /// arms one timer with this delay.
  std::optional<std::chrono::nanoseconds> sync_after() const;

  /// Offsets below this may be reported to producers as stored: the durable
  /// end for `always`, the written end for `interval` and `none`.
  int64_t acked_end_offset() const noexcept;

  /// Whether some written offsets are not yet synced.
  bool pending() const noexcept { return written_end_ > durable_end_; }

private:
  durability mode_;
  std::chrono::milliseconds interval_;
  const clock* clock_;
  int64_t written_end_ = 0;
  int64_t durable_end_ = 0;
  clock::mono_time first_unsynced_{};
};

} // namespace actorbus::log
