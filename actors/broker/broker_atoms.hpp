#pragma once

#include "caf/atom.hpp"

namespace actorbus::broker {

/// Partition actor -> itself: sync now (group commit marker).
using flush_atom = caf::atom_constant<caf::atom("flush")>;
/// Sync ticker -> partition actor: the `interval` sync is due.
using sync_atom = caf::atom_constant<caf::atom("sync")>;
/// Partition actor -> itself: apply retention.
using retain_atom = caf::atom_constant<caf::atom("retain")>;
/// Coordinator -> itself: ack deadlines or retry delays are due.
using wakeup_atom = caf::atom_constant<caf::atom("wakeup")>;
/// Anyone -> broker: stop accepting work and shut down the broker's actors.
using shutdown_atom = caf::atom_constant<caf::atom("shutdown")>;

} // namespace actorbus::broker
