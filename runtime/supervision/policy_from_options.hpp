#pragma once

#include "runtime/config/node_config.hpp"
#include "runtime/supervision/exponential_backoff.hpp"
#include "runtime/supervision/restart_intensity.hpp"

namespace actorbus::supervision {

/// The [supervision] section of node_config as policies: max-restarts and
/// restart-window become the intensity, backoff-min/-max/-jitter/-reset the
/// backoff. node_config has already validated the ranges.
intensity_policy intensity_from(const supervision_options& opts);
backoff_policy backoff_from(const supervision_options& opts);

} // namespace actorbus::supervision
