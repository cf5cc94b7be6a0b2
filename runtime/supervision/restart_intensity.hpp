#pragma once

#include <chrono>
#include <cstddef>
#include <deque>

#include "caf/timespan.hpp"

namespace actorbus::supervision {

/// At most `max_restarts` restarts within any `window`; one more and the
/// supervisor gives up (stops its children, exits with errc::restart_limit).
/// `max_restarts == 0` means: give up at the first restart.
struct intensity_policy {
  size_t max_restarts = 10;
  caf::timespan window = std::chrono::seconds{10};
};

/// Sliding-window restart counter. Time is injected: the supervisor actor
/// passes its actor clock's `now()` (simulated under the test scheduler).
/// Not thread-safe; owned by one supervisor.
class restart_intensity {
public:
  using time_point = std::chrono::steady_clock::time_point;

  explicit restart_intensity(intensity_policy policy = {});

  /// Records one restart at `now` and returns how many restarts fall into
  /// the window (now - window, now], this one included. Time points must
  /// not go backwards.
  size_t record(time_point now);

  /// Returns whether `count` (a result of record) is beyond the limit.
  bool exceeded(size_t count) const noexcept {
    return count > policy_.max_restarts;
  }

  /// Restarts inside the window as of the last `record`.
  size_t count() const noexcept { return stamps_.size(); }

  const intensity_policy& policy() const noexcept { return policy_; }

private:
  intensity_policy policy_;
  std::deque<time_point> stamps_;
};

} // namespace actorbus::supervision
