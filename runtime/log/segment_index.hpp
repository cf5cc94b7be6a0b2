#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "caf/error.hpp"

#include "runtime/log/file_system.hpp"

namespace actorbus::log {

/// The sparse offset index and time index of one segment (FORMAT.md,
/// "Index files"), kept in memory; written to `<base>.index` and
/// `<base>.timeindex` when the segment is sealed.
class segment_index {
public:
  /// What the footer of both files records about the segment.
  struct summary {
    int64_t base_offset = 0;
    int64_t next_offset = 0;
    uint64_t segment_bytes = 0;
    int64_t max_timestamp = std::numeric_limits<int64_t>::min();

    friend bool operator==(const summary& x, const summary& y) noexcept {
      return x.base_offset == y.base_offset && x.next_offset == y.next_offset
             && x.segment_bytes == y.segment_bytes
             && x.max_timestamp == y.max_timestamp;
    }
  };

  segment_index(int64_t base_offset, uint64_t interval_bytes);

  /// Registers the batch [base_offset, next_offset) written at `position`
  /// with `size` bytes and records up to `max_timestamp`; adds entries when
  /// the interval is reached.
  void add_batch(int64_t base_offset, int64_t next_offset, uint64_t position,
                 uint64_t size, int64_t max_timestamp);

  /// Byte position of the last indexed batch starting at or before
  /// `offset` (0 for an offset before the first entry).
  uint64_t position_for(int64_t offset) const noexcept;

  /// The last indexed offset such that every record before it has a
  /// timestamp < `ts` (scan forward from there for the first >= `ts`).
  int64_t scan_start_for_time(int64_t ts) const noexcept;

  const summary& info() const noexcept { return info_; }
  size_t entries() const noexcept { return offsets_.size(); }

  /// Writes both files (tmp, fdatasync, rename) and fsyncs `dir`.
  caf::error write(file_system& fs, const std::string& dir) const;

  /// Loads both files; `nullopt` if either is missing or damaged or does
  /// not describe a `segment_bytes`-long segment at `base_offset`.
  static std::optional<segment_index>
  load(file_system& fs, const std::string& dir, int64_t base_offset,
       uint64_t segment_bytes, uint64_t interval_bytes);

  /// File names for a base offset.
  static std::string log_name(int64_t base);
  static std::string index_name(int64_t base);
  static std::string time_index_name(int64_t base);

private:
  struct entry {
    int64_t a;
    int64_t b;
  };

  std::string encode(const char* magic, const std::vector<entry>& xs) const;
  static bool decode(const std::string& bytes, const char* magic, summary& info,
                     std::vector<entry>& xs);

  uint64_t interval_;
  uint64_t bytes_since_entry_ = 0;
  summary info_;
  /// (batch base offset, position) and (max timestamp before, offset).
  std::vector<entry> offsets_;
  std::vector<entry> times_;
};

} // namespace actorbus::log
