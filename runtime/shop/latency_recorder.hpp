#pragma once

// Order completion latency: the time from an order's checkout command to its
// terminal event (confirmed or cancelled). The caller passes the time points
// (from its injected clock), so the recorder is pure and testable.
//
// Keeps every sample (8 bytes per completed order: 8 MB per million orders)
// and computes exact percentiles (nearest rank) on demand. Not thread-safe:
// one owner (the simulation's observer actor).

#include <chrono>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace actorbus::shop {

class latency_recorder {
public:
  using time_point = std::chrono::steady_clock::time_point;
  using duration = std::chrono::nanoseconds;

  /// Remembers when `order_id` started; a second start is ignored.
  void start(const std::string& order_id, time_point t);

  /// Records `t - start` for `order_id` and forgets the start. Returns false
  /// (and records nothing) when the order never started or already finished.
  bool finish(const std::string& order_id, time_point t);

  /// Records one sample directly.
  void record(duration d);

  /// The sample at quantile q in [0, 1] (nearest rank); zero without samples.
  duration percentile(double q) const;

  uint64_t count() const noexcept { return samples_.size(); }

  /// Orders started and not finished yet.
  uint64_t open() const noexcept { return starts_.size(); }

private:
  std::unordered_map<std::string, time_point> starts_;
  mutable std::vector<duration> samples_;
  mutable bool sorted_ = true;
};

} // namespace actorbus::shop
