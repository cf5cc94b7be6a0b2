#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "caf/error.hpp"
#include "caf/expected.hpp"

#include "runtime/clock.hpp"
#include "runtime/log/file_system.hpp"
#include "runtime/log/log_stats.hpp"
#include "runtime/log/record.hpp"

namespace actorbus::log {

class segment;
class partition_log;
class segment_index;

/// Settings of one partition log (from the [broker] section per topic).
struct partition_log_options {
  /// Names used only in error messages and log lines ("orders/3").
  std::string topic;
  int32_t partition = 0;
  /// A segment is sealed and a new one started once an append would make
  /// the active segment larger than this (a single larger batch still fits
  /// in an otherwise empty segment).
  uint64_t segment_bytes = 64 * 1024 * 1024;
  /// One sparse index entry (offset index and time index) per this many
  /// bytes of batches.
  uint64_t index_interval_bytes = 4096;
  /// Largest encoded batch accepted by `append` (errc::payload_too_large).
  /// At most `max_format_batch_bytes` (FORMAT.md).
  uint64_t max_batch_bytes = 16 * 1024 * 1024;
  /// Retention by total size of all segments; 0 = unlimited.
  uint64_t retention_bytes = 0;
  /// Retention by age of a segment's newest record; 0 = unlimited.
  std::chrono::milliseconds retention_age{0};
  /// Whether open() CRC-checks every batch of every sealed segment (so a
  /// damaged sealed segment refuses the partition at open instead of at the
  /// first read that reaches it). Reads always verify CRCs.
  bool verify_sealed_segments = true;
  /// Measures fsync latency (mono_now); never null.
  const clock* clk = &system_clock::instance();
};

/// `<data_dir>/<topic>/<partition>`, the directory of one partition log.
std::string partition_dir(const std::string& data_dir, const std::string& topic,
                          int32_t partition);

/// An fdatasync captured by `partition_log::begin_sync()`. `run()` is the
/// only member that may be called off the owner thread; it touches nothing
/// but the file handle it holds, which stays valid even if the log rolls.
class pending_sync {
public:
  /// Blocks in fdatasync (a no-op if there was nothing to sync).
  caf::error run();
  /// Offsets below this are durable once `run()` succeeded.
  int64_t end_offset() const noexcept { return end_offset_; }
  /// How long `run()` took.
  std::chrono::nanoseconds took() const noexcept { return took_; }

private:
  friend class partition_log;
  std::shared_ptr<writable_file> file_;
  const clock* clk_ = nullptr;
  int64_t end_offset_ = 0;
  std::chrono::nanoseconds took_{0};
};

/// The durable, segmented log of one topic partition (byte format and
/// recovery rules: runtime/log/FORMAT.md).
///
/// Files: `<dir>/<base-offset>.log` per segment with `<base>.index` (sparse
/// offset -> byte position) and `<base>.timeindex` (sparse max timestamp ->
/// offset). The segment with the highest base offset is the active one; all
/// others are sealed (synced and complete).
///
/// DURABILITY CONTRACT: `append` only writes (page cache). After `sync()`
/// returns `none`, every record appended before the call is on disk and is
/// read back after a crash. `durable_end_offset()` is the offset one past the
/// last such record. Records appended but not synced may be lost by a crash
/// (whole batches only: no partly written record is ever returned).
///
/// ERRORS: I/O failures are returned as values (`errc::disk_full` for
/// ENOSPC, `errc::io_error` otherwise). After a failed write or sync the log
/// is *failed*: the failed append left no bytes behind, every later `append`
/// and `sync` fails with `errc::log_failed`, while reads keep working up to
/// `end_offset()` (which never includes the failed batch). Reopen to recover.
///
/// Threading: one owner (e.g. the partition actor); not thread-safe, except
/// that `pending_sync::run()` may run on another thread. `sync` blocks on
/// the disk, so call it from a detached actor or own thread.
class partition_log {
public:
  /// Opens (creating if needed) the log in `dir`, recovering as FORMAT.md
  /// says: a torn tail of the active segment is truncated (logged with the
  /// number of dropped bytes, see `stats().recovered_bytes_dropped`); a bad
  /// CRC or impossible length in a sealed segment fails with
  /// `errc::corrupted_log` naming topic, partition, segment and byte
  /// position; missing or damaged indexes are rebuilt. `fs` must outlive
  /// the log.
  static caf::expected<std::unique_ptr<partition_log>>
  open(file_system& fs, std::string dir, partition_log_options opts);

  ~partition_log();
  partition_log(const partition_log&) = delete;
  partition_log& operator=(const partition_log&) = delete;

  /// Appends all records of `batch` with one write and no sync, assigning
  /// offsets `end_offset() .. end_offset() + n - 1` (the offsets in `batch`
  /// are ignored). Returns the base offset. Fails with
  /// `errc::invalid_argument` for an empty batch, `errc::payload_too_large`
  /// above `max_batch_bytes` (log stays usable), I/O errors as above.
  caf::expected<int64_t> append(const record_batch& batch);

  /// fdatasync of the active segment (one call covers every earlier append).
  /// See the durability contract above. A no-op if nothing is unsynced.
  /// Equivalent to `begin_sync()`, `run()`, `end_sync()` on one thread.
  caf::error sync();

  /// Two-phase sync, so that the fdatasync can run on another thread (a
  /// syncer) while the owner keeps appending and reading: `begin_sync()` on
  /// the owner captures the current end offset, `pending_sync::run()` does
  /// the fdatasync on any thread, `end_sync()` on the owner publishes the
  /// result. After `end_sync(p, none)`, every record below `p.end_offset()`
  /// is durable (and `durable_end_offset()` covers it). Fails with
  /// `errc::log_failed` on a failed log.
  caf::expected<pending_sync> begin_sync();

  /// Publishes the result of `p.run()`; an error fails the log (as a failed
  /// `sync()` does) and is returned.
  caf::error end_sync(const pending_sync& p, caf::error result);

  /// Records with offsets in [from, min(upto, end_offset())), in order,
  /// until their `record::byte_size()` sum would exceed `max_bytes`; at
  /// least one record if any is available, even if it is larger. `upto < 0`
  /// means `end_offset()` (pass `durable_end_offset()` to hide unsynced
  /// records). `from == end_offset()` yields an empty vector; `from` below
  /// `start_offset()` or above `end_offset()` fails with
  /// `errc::offset_out_of_range`. Corruption found while reading fails with
  /// `errc::corrupted_log`.
  caf::expected<std::vector<record>> read(int64_t from, size_t max_bytes,
                                          int64_t upto = -1);

  /// Like `read`, but returns whole batches (with producer id and base
  /// sequence); the first batch is the one containing `from` and may start
  /// before it. The budget counts encoded batch bytes. Used to rebuild the
  /// idempotent-producer table: loop `read_batches(next, 1 << 20)` from
  /// `start_offset()` until the result is empty.
  caf::expected<std::vector<record_batch>>
  read_batches(int64_t from, size_t max_bytes, int64_t upto = -1);

  /// The first offset whose record timestamp is >= `timestamp_ms`, or
  /// `end_offset()` if there is none.
  caf::expected<int64_t> offset_for_timestamp(int64_t timestamp_ms);

  /// Deletes whole sealed segments, oldest first, while the total size
  /// exceeds `retention_bytes` or the segment's newest record is older than
  /// `now - retention_age`. Never deletes the active segment. Returns the
  /// number of segments deleted; `start_offset()` moves accordingly.
  caf::expected<size_t> apply_retention(clock::wall_time now);

  /// The oldest offset still stored.
  int64_t start_offset() const noexcept;
  /// The offset the next appended record gets.
  int64_t end_offset() const noexcept;
  /// One past the last record known durable (synced, or recovered on open).
  int64_t durable_end_offset() const noexcept { return durable_end_; }
  /// Whether an I/O error put the log into the failed state.
  bool failed() const noexcept { return static_cast<bool>(failure_); }

  /// Counters for metrics.
  const log_stats& stats() const noexcept { return stats_; }

  /// Called with the duration of every fsync the log performs (histogram
  /// hook for metrics). Optional.
  void on_fsync(std::function<void(std::chrono::nanoseconds)> fn) {
    fsync_observer_ = std::move(fn);
  }

  const std::string& dir() const noexcept { return dir_; }
  const partition_log_options& options() const noexcept { return opts_; }

private:
  partition_log(file_system& fs, std::string dir, partition_log_options opts);

  std::string name() const;
  caf::error recover();
  caf::error recover_sealed(int64_t base, int64_t expected_base);
  caf::error recover_active(int64_t base, int64_t expected_base);
  caf::expected<segment_index> scan(const readable_file& file, int64_t base,
                                    uint64_t size, bool sealed,
                                    uint64_t& valid_end);
  caf::expected<std::unique_ptr<segment>> create_segment(int64_t base);
  caf::error roll();
  caf::error fail(caf::error err);
  caf::error timed_sync(segment& seg);
  caf::error corruption(const std::string& segment_name, uint64_t position,
                        const std::string& what) const;
  size_t segment_index_of(int64_t offset) const;
  caf::expected<int64_t> clamp_read(int64_t from, int64_t upto) const;
  template <class F>
  caf::error scan_from(int64_t from, size_t max_bytes, F&& on_batch);

  file_system* fs_;
  std::string dir_;
  partition_log_options opts_;
  std::vector<std::unique_ptr<segment>> segments_;
  int64_t durable_end_ = 0;
  caf::error failure_;
  log_stats stats_;
  std::function<void(std::chrono::nanoseconds)> fsync_observer_;
  std::string encode_buf_;
};

} // namespace actorbus::log
