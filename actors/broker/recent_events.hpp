#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

#include "runtime/events/envelope.hpp"
#include "runtime/events/type_filter.hpp"

namespace actorbus::broker {

/// The newest events of one partition, kept in memory as they are written,
/// so that consumers at the tail are served without reading the log back
/// (no pread, no CRC check, no decoding); the idea of redpanda's batch
/// cache. Consumers that are further behind read the log as before.
///
/// CONTRACT: holds a contiguous offset range [first(), end()) of events
/// exactly as a log read returns them (topic, partition and offset set). A
/// push of an event whose offset is not end() (after a gap the owner could
/// not fill, e.g. a failed append) starts the range again at that event.
/// The oldest events are dropped while the estimated size exceeds
/// `max_bytes`, but the newest event always stays; `max_bytes == 0` keeps
/// nothing. What it holds was never read from disk, so it needs no CRC.
class recent_events {
public:
  explicit recent_events(size_t max_bytes) : max_bytes_(max_bytes) {}

  void push(events::envelope ev);

  /// Whether every offset in [from, end()) is held (and the range is not
  /// empty).
  bool covers(int64_t from) const noexcept {
    return !events_.empty() && from >= first() && from < end();
  }

  /// Appends copies of the held events in [from, min(upto, end())) whose
  /// type `filter` accepts, at most `max_events`, to `out`; returns the
  /// first offset it did not examine. Requires `covers(from)`.
  int64_t copy(int64_t from, int64_t upto, int32_t max_events,
               std::vector<events::envelope>& out,
               const events::type_filter& filter = {}) const;

  int64_t first() const noexcept {
    return events_.empty() ? 0 : events_.front().offset;
  }
  int64_t end() const noexcept {
    return events_.empty() ? 0 : events_.back().offset + 1;
  }
  size_t size() const noexcept { return events_.size(); }
  size_t bytes() const noexcept { return bytes_; }

  /// The size estimate used for the budget: the heap bytes of the
  /// envelope's strings, headers and payload plus the envelope itself.
  static size_t estimate(const events::envelope& ev) noexcept;

private:
  size_t max_bytes_;
  size_t bytes_ = 0;
  std::deque<events::envelope> events_;
};

} // namespace actorbus::broker
