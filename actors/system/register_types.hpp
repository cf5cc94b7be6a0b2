#pragma once

#include "caf/actor_system_config.hpp"

namespace actorbus {

/// Registers every message type and error category of actorbus with `cfg`.
/// Call once on the config before the actor system is constructed; remote
/// nodes need the same registrations to exchange messages (GUIDE.md 5, S3).
void register_types(caf::actor_system_config& cfg);

} // namespace actorbus
