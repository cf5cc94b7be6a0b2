#pragma once

#include "caf/actor_system_config.hpp"
#include "caf/atom.hpp"

#include "runtime/supervision/tree_snapshot.hpp"

namespace actorbus::supervision {

// Public protocol of a supervisor actor:
//   (caf::get_atom) -> tree_snapshot   its direct children, parent = its name
//   exit_msg (user_shutdown, ...)      orderly shutdown in reverse start order
//
// Internal messages a supervisor sends to itself:
//   (restart_atom, uint64_t plan)                 backoff of a plan elapsed
//   (stop_tmo_atom, uint64_t child, uint64_t id)  child did not stop in time
//   (start_fail_atom, uint64_t child, caf::error) factory of a child failed
using restart_atom = caf::atom_constant<caf::atom("suprestart")>;
using stop_tmo_atom = caf::atom_constant<caf::atom("supstoptmo")>;
using start_fail_atom = caf::atom_constant<caf::atom("supstrtfl")>;

/// Registers child_snapshot and tree_snapshot as message types.
void register_supervision_types(caf::actor_system_config& cfg);

} // namespace actorbus::supervision
