#include "runtime/metrics/metric.hpp"

#include <algorithm>
#include <cmath>

#include "runtime/metrics/histogram_snapshot.hpp"

namespace actorbus::metrics {

std::vector<double> default_latency_buckets() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
          0.1,    0.25,  0.5,    1.0,   2.5,  5.0,   10.0};
}

histogram::histogram(std::vector<double> bounds)
  : bounds_(std::move(bounds)),
    buckets_(new std::atomic<uint64_t>[bounds_.size() + 1]) {
  for (size_t i = 0; i <= bounds_.size(); ++i)
    buckets_[i].store(0, std::memory_order_relaxed);
}

bool histogram::valid_bounds(const std::vector<double>& bounds) noexcept {
  if (bounds.empty())
    return false;
  for (size_t i = 0; i < bounds.size(); ++i) {
    if (!std::isfinite(bounds[i]))
      return false;
    if (i > 0 && !(bounds[i - 1] < bounds[i]))
      return false;
  }
  return true;
}

void histogram::observe(double x) noexcept {
  // Prometheus buckets are "less than or equal": x lands in the first bucket
  // whose upper bound is >= x.
  auto i
    = std::lower_bound(bounds_.begin(), bounds_.end(), x) - bounds_.begin();
  buckets_[static_cast<size_t>(i)].fetch_add(1, std::memory_order_relaxed);
  auto cur = sum_.load(std::memory_order_relaxed);
  while (!sum_.compare_exchange_weak(cur, cur + x, std::memory_order_relaxed))
    ; // retry with the refreshed `cur`
  count_.fetch_add(1, std::memory_order_relaxed);
}

bool histogram::load(const histogram_snapshot& snap) noexcept {
  if (snap.bounds != bounds_ || snap.counts.size() != bounds_.size() + 1)
    return false;
  for (size_t i = 0; i < snap.counts.size(); ++i)
    buckets_[i].store(snap.counts[i], std::memory_order_relaxed);
  sum_.store(snap.sum, std::memory_order_relaxed);
  count_.store(snap.count, std::memory_order_relaxed);
  return true;
}

} // namespace actorbus::metrics
