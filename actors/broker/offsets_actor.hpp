#pragma once

#include <memory>
#include <string>
#include <vector>

#include "caf/event_based_actor.hpp"
#include "caf/response_promise.hpp"
#include "caf/stateful_actor.hpp"
#include "caf/system_messages.hpp"
#include "caf/timespan.hpp"

#include "actors/broker/offsets_messages.hpp"
#include "runtime/log/durability_policy.hpp"
#include "runtime/log/file_system.hpp"
#include "runtime/offsets/offset_store.hpp"

namespace actorbus::broker {

/// Owns the broker's offset store (`<data_dir>/offsets`). Blocking I/O, so
/// it is spawned detached like the partition actors. Group commit: commits
/// are applied in memory at once; a `flush_atom` marker to self, sent
/// `flush_delay` after the first commit that found none queued (at once if
/// zero), makes one snapshot write (+ fsync unless durability is `none`)
/// cover every commit that arrived before it, and only then are those
/// commits answered. The delay bounds the snapshot writes to one per
/// `flush_delay` while every consumer group commits continuously; a commit
/// is answered at most that much later.
///
/// Messages: commit_request -> unit; committed_request -> vector<int64_t>.
struct offsets_actor_state {
  std::unique_ptr<offsets::offset_store> store;
  caf::error open_error;
  std::vector<caf::response_promise> waiting;
  bool flush_queued = false;

  static inline const char* name = "offsets";
};

caf::behavior offsets_actor(caf::stateful_actor<offsets_actor_state>* self,
                            log::file_system* fs, std::string dir,
                            log::durability mode, caf::timespan flush_delay);

} // namespace actorbus::broker
