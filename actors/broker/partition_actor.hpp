#pragma once

#include <memory>
#include <vector>

#include "caf/error.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/response_promise.hpp"
#include "caf/stateful_actor.hpp"
#include "caf/system_messages.hpp"

#include "actors/broker/partition_messages.hpp"
#include "actors/broker/partition_state.hpp"

namespace actorbus::broker {

/// The actor that owns one partition's log. It does blocking writes and
/// fsyncs, so the broker spawns it `caf::detached` in production (tests use
/// the deterministic scheduler instead; see broker_config::detached_io).
///
/// GROUP COMMIT: every `append_request` is written at once (one write, no
/// sync) and, under `always`, a `flush_atom` marker is sent to self if none
/// is queued. The marker arrives after every append queued before it, so one
/// fsync covers them all; only after it returns are those publishes
/// answered. Under `interval` the first unsynced append arms one timer of
/// `sync_interval`; under `none` publishes are answered after the write.
/// Durable events are what fetches see.
///
/// Messages: append_request -> append_result; fetch_request ->
/// fetch_result (long poll); resolve_request -> int64_t; status_request ->
/// partition_status (with the partition's fsync and publish-to-durable
/// histograms and this actor's mailbox size; see partition_status). On exit,
/// waiting requests fail with errc::shutting_down.
struct partition_actor_state {
  struct waiting_publish {
    int64_t needed_end;
    std::vector<int64_t> offsets;
    caf::response_promise rp;
    /// When the append_request arrived (settings' clock, mono time).
    clock::mono_time arrived;
  };
  struct waiting_fetch {
    fetch_request req;
    caf::response_promise rp;
  };

  std::unique_ptr<partition_state> part;
  caf::error open_error;
  std::vector<waiting_publish> publishes;
  std::vector<waiting_fetch> fetches;
  bool flush_queued = false;
  bool timer_armed = false;

  static inline const char* name = "partition";
};

caf::behavior partition_actor(caf::stateful_actor<partition_actor_state>* self,
                              partition_settings settings);

} // namespace actorbus::broker
