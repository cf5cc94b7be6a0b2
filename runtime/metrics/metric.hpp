#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace actorbus::metrics {

struct histogram_snapshot;

/// A monotonically increasing integer (events published, fsyncs, restarts).
/// Thread-safe and lock-free: `inc()` is one relaxed atomic add, so any
/// thread (actors included) may keep a reference and update it directly.
class counter {
public:
  void inc(uint64_t n = 1) noexcept {
    value_.fetch_add(n, std::memory_order_relaxed);
  }

  uint64_t value() const noexcept {
    return value_.load(std::memory_order_relaxed);
  }

private:
  std::atomic<uint64_t> value_{0};
};

/// A value that goes up and down (lag, bytes, in-flight, mailbox size).
/// Thread-safe and lock-free (`add` is a compare-and-swap loop).
class gauge {
public:
  void set(double x) noexcept { value_.store(x, std::memory_order_relaxed); }

  void add(double x) noexcept {
    auto cur = value_.load(std::memory_order_relaxed);
    while (
      !value_.compare_exchange_weak(cur, cur + x, std::memory_order_relaxed))
      ; // retry with the refreshed `cur`
  }

  void sub(double x) noexcept { add(-x); }

  double value() const noexcept {
    return value_.load(std::memory_order_relaxed);
  }

private:
  std::atomic<double> value_{0.0};
};

/// Latency buckets in seconds, 0.5ms .. 10s, for fsync and publish-to-durable.
std::vector<double> default_latency_buckets();

/// Counts observations into fixed buckets (upper bounds, strictly increasing,
/// finite; `+Inf` is implicit) plus their sum. Thread-safe and lock-free:
/// `observe()` is a short scan of the bounds and three atomic updates.
/// A scrape running concurrently may see a count that is ahead of the bucket
/// totals by the observations in progress; every value is eventually exact.
class histogram {
public:
  /// Precondition: `bounds` is valid (see `valid_bounds`).
  explicit histogram(std::vector<double> bounds);

  /// Returns whether `bounds` is non-empty, finite and strictly increasing.
  static bool valid_bounds(const std::vector<double>& bounds) noexcept;

  void observe(double x) noexcept;

  /// Replaces every bucket, the count and the sum with those of `snap` (for
  /// scrape-time collectors that mirror a histogram kept in actor state).
  /// Returns false and changes nothing when the bounds differ. Not atomic as
  /// a whole: a concurrent render may mix old and new buckets, so use it only
  /// for histograms that nothing else observes into.
  bool load(const histogram_snapshot& snap) noexcept;

  const std::vector<double>& bounds() const noexcept { return bounds_; }

  /// Observations that fell into bucket `i` alone (not cumulative); index
  /// `bounds().size()` is the `+Inf` bucket.
  uint64_t bucket_count(size_t i) const noexcept {
    return buckets_[i].load(std::memory_order_relaxed);
  }

  uint64_t count() const noexcept {
    return count_.load(std::memory_order_relaxed);
  }

  double sum() const noexcept { return sum_.load(std::memory_order_relaxed); }

private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;
  std::atomic<uint64_t> count_{0};
  std::atomic<double> sum_{0.0};
};

} // namespace actorbus::metrics
