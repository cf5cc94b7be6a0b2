#include "runtime/supervision/exponential_backoff.hpp"

#include <algorithm>

namespace actorbus::supervision {

exponential_backoff::exponential_backoff(backoff_policy policy, uint64_t seed)
  : policy_(policy), rng_(seed) {
  policy_.jitter = std::clamp(policy_.jitter, 0.0, 1.0);
  if (policy_.max < policy_.min)
    policy_.max = policy_.min;
}

caf::timespan exponential_backoff::base_delay(size_t n) const noexcept {
  auto delay = policy_.min;
  // Doubling stops at max, so large n never overflows.
  for (size_t i = 0; i < n && delay < policy_.max; ++i)
    delay = delay.count() > 0 ? delay * 2 : policy_.max;
  return std::min(delay, policy_.max);
}

caf::timespan exponential_backoff::next(time_point failed_at) {
  if (started_ && failed_at - *started_ >= policy_.reset_after)
    attempts_ = 0;
  auto base = base_delay(attempts_++);
  if (policy_.jitter <= 0.0)
    return base;
  std::uniform_real_distribution<double> dist{1.0 - policy_.jitter,
                                              1.0 + policy_.jitter};
  auto scaled = static_cast<caf::timespan::rep>(
    static_cast<double>(base.count()) * dist(rng_));
  return std::min(caf::timespan{scaled}, policy_.max);
}

} // namespace actorbus::supervision
