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

/// The actor that owns one partition's log. It lives on the shared
/// scheduler; what blocks on the disk runs on its io worker (io_worker.hpp):
/// opening (recovering) the log, and every fdatasync. Messages that arrive
/// while the log opens wait in the mailbox.
///
/// What it does itself: appends are one write() each into the page cache;
/// reads come from the newest events kept in memory (recent_events) or, for
/// a consumer further behind, a pread of the log (which waits for the disk
/// only when the page cache misses); a segment roll (every segment-bytes)
/// syncs the segment it seals; retention unlinks old segment files.
///
/// GROUP COMMIT: every `append_request` is written at once (one write, no
/// sync) and, under `always`, a `flush_atom` marker is sent to self if none
/// is queued. The marker arrives after every append queued before it; one
/// fdatasync on the io worker then covers them all, and only after it
/// returns are those publishes answered. Appends that arrive while a sync
/// runs are covered by the next one, started when it returns. Under
/// `interval` publishes are answered once written, and the first unsynced
/// append asks the broker's sync ticker for a `sync_atom` within
/// `sync_interval` (one timer for all partitions, see sync_ticker.hpp);
/// under `none` nothing syncs.
/// Fetches see acknowledged events.
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
  /// Opens the log and runs the fdatasyncs.
  caf::actor io;
  /// Sends the `interval` syncs.
  caf::actor ticker;
  bool sync_running = false;
  /// A sync was asked for while one ran.
  bool sync_again = false;
  std::vector<waiting_publish> publishes;
  std::vector<waiting_fetch> fetches;
  bool flush_queued = false;
  bool timer_armed = false;

  static inline const char* name = "partition";
};

caf::behavior partition_actor(caf::stateful_actor<partition_actor_state>* self,
                              partition_settings settings, caf::actor io,
                              caf::actor ticker);

} // namespace actorbus::broker
