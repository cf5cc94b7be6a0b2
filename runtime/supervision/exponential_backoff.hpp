#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

#include "caf/timespan.hpp"

namespace actorbus::supervision {

/// Delay before a restart: `min * 2^n` for the n-th consecutive restart
/// (n = 0, 1, 2, ...), capped at `max`, then scaled by a random factor in
/// [1 - jitter, 1 + jitter] and capped at `max` again. The count n goes back
/// to 0 once an instance has run for `reset_after` without failing.
struct backoff_policy {
  caf::timespan min = std::chrono::milliseconds{10};
  caf::timespan max = std::chrono::seconds{5};
  double jitter = 0.2; ///< in [0, 1]
  caf::timespan reset_after = std::chrono::seconds{30};
};

/// Exponential backoff of one child. The random source is seeded by the
/// caller, so a seed reproduces every delay. Time is injected. Not
/// thread-safe; owned by one supervisor.
class exponential_backoff {
public:
  using time_point = std::chrono::steady_clock::time_point;

  exponential_backoff(backoff_policy policy, uint64_t seed);

  /// Notes that a new instance started at `t` (measures the stable period).
  void on_started(time_point t) noexcept { started_ = t; }

  /// Returns the delay for the restart after a failure at `failed_at` and
  /// counts it. Resets the count first if the failed instance had run for at
  /// least `reset_after`.
  caf::timespan next(time_point failed_at);

  /// `min * 2^n` capped at `max`, without jitter.
  caf::timespan base_delay(size_t n) const noexcept;

  /// Consecutive restarts counted so far (0 after construction or reset).
  size_t attempts() const noexcept { return attempts_; }

  void reset() noexcept { attempts_ = 0; }

  const backoff_policy& policy() const noexcept { return policy_; }

private:
  backoff_policy policy_;
  std::mt19937_64 rng_;
  size_t attempts_ = 0;
  std::optional<time_point> started_;
};

} // namespace actorbus::supervision
