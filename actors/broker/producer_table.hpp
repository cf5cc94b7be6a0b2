#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <utility>

namespace actorbus::broker {

/// The idempotent-producer table of ONE partition: for each producer id the
/// last stored sequence number and the offsets of its most recent
/// `window` sequence numbers. Owned by the partition actor's state; rebuilt
/// from the log's batches (producer id + base sequence) when it opens.
///
/// Rules for an event with sequence `s` of producer `p`:
/// - `p` unknown, or `s == last(p) + 1`: fresh, append it;
/// - `s <= last(p)`: duplicate, answer with the original offset (-1 if it
///   is older than the window and no longer remembered);
/// - `s > last(p) + 1`: gap, reject (errc::sequence_gap).
class producer_table {
public:
  enum class verdict { fresh, duplicate, gap };

  struct check_result {
    verdict what = verdict::fresh;
    /// Original offset of a duplicate (-1: unknown), else -1.
    int64_t offset = -1;
    /// The next sequence number expected from this producer (-1: any).
    int64_t expected = -1;
  };

  explicit producer_table(size_t window = 4096) : window_(window) {}

  check_result check(const std::string& producer, int64_t sequence) const;

  /// Records that `count` events with sequences base_sequence.. were stored
  /// at offsets base_offset...
  void record(const std::string& producer, int64_t base_sequence,
              int64_t base_offset, size_t count);

  size_t producers() const noexcept { return entries_.size(); }

private:
  struct entry {
    int64_t last_sequence = -1;
    /// (sequence, offset), oldest first, at most `window_` entries.
    std::deque<std::pair<int64_t, int64_t>> recent;
  };

  size_t window_;
  std::unordered_map<std::string, entry> entries_;
};

} // namespace actorbus::broker
