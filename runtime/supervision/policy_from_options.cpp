#include "runtime/supervision/policy_from_options.hpp"

#include <algorithm>

namespace actorbus::supervision {

intensity_policy intensity_from(const supervision_options& opts) {
  intensity_policy result;
  result.max_restarts
    = static_cast<size_t>(std::max<int64_t>(0, opts.max_restarts));
  result.window = opts.restart_window;
  return result;
}

backoff_policy backoff_from(const supervision_options& opts) {
  backoff_policy result;
  result.min = opts.backoff_min;
  result.max = opts.backoff_max;
  result.jitter = opts.backoff_jitter;
  result.reset_after = opts.backoff_reset;
  return result;
}

} // namespace actorbus::supervision
