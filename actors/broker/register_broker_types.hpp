#pragma once

#include "caf/actor_system_config.hpp"

namespace actorbus::broker {

/// Registers every broker protocol message (publish, consume, status and
/// partition messages, the envelope) under its "actorbus::..." name so they
/// can cross CAF's network layer. Called by actorbus::register_types.
void register_broker_types(caf::actor_system_config& cfg);

} // namespace actorbus::broker
