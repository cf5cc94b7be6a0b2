#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "caf/error.hpp"
#include "caf/timespan.hpp"

#include "runtime/config/node_config.hpp"
#include "runtime/supervision/child_spec.hpp"
#include "runtime/supervision/exponential_backoff.hpp"
#include "runtime/supervision/restart_intensity.hpp"
#include "runtime/supervision/restart_type.hpp"

namespace actorbus::supervision {

/// How one supervisor behaves. Aggregate, so that
///   supervisor_config{"shop", restart_strategy::one_for_one, intensity,
///                     backoff}
/// works; `from_options` takes intensity and backoff from [supervision].
struct supervisor_config {
  /// Component name in logs, parent name of its children in the directory.
  std::string name;
  restart_strategy strategy = restart_strategy::one_for_one;
  intensity_policy intensity;
  backoff_policy backoff;
  /// How long a child may take to stop after user_shutdown before it is
  /// killed (group restarts and orderly shutdown).
  caf::timespan shutdown_timeout = std::chrono::seconds{5};
  /// Seeds the backoff jitter; 0 draws a seed from std::random_device.
  uint64_t seed = 0;

  static supervisor_config from_options(std::string name,
                                        restart_strategy strategy,
                                        const supervision_options& opts);
};

/// Returns errc::invalid_argument for an empty or duplicate name, a child
/// without factory, max < min backoff or a jitter outside [0, 1].
caf::error validate(const supervisor_config& cfg,
                    const std::vector<child_spec>& children);

} // namespace actorbus::supervision
