#pragma once

#include <map>

#include "caf/actor.hpp"
#include "caf/actor_clock.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/stateful_actor.hpp"
#include "caf/timespan.hpp"

#include "actors/broker/broker_atoms.hpp"

namespace actorbus::broker {

/// Partition actor -> sync ticker: send me `sync_atom` at `deadline` (the
/// latest time the interval sync of my first unsynced append may start).
using sync_due_atom = caf::atom_constant<caf::atom("syncdue")>;

/// One timer for the interval syncs of every partition of a broker. A timer
/// per partition costs a wake-up of CAF's clock thread per partition and
/// interval (24 partitions at 20 ms: 1,200 a second); the ticker keeps the
/// deadlines and arms one timer for the earliest. When it fires, every
/// partition whose deadline is within `slack` gets its `sync_atom` (a sync
/// up to `slack` early is harmless: `interval` promises a sync at most
/// sync-interval after a write, not later than that).
///
/// Messages: (sync_due_atom, actor_clock::time_point deadline) from a
/// partition actor, answered later with `sync_atom` to the sender.
struct sync_ticker_state {
  std::multimap<caf::actor_clock::time_point, caf::actor> due;
  /// The deadline the armed timer fires for, if one is armed.
  caf::actor_clock::time_point armed_for{};
  bool armed = false;
  caf::timespan slack{0};

  static inline const char* name = "sync-ticker";
};

caf::behavior sync_ticker(caf::stateful_actor<sync_ticker_state>* self,
                          caf::timespan slack);

} // namespace actorbus::broker
