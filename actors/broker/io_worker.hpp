#pragma once

#include <memory>

#include "caf/allowed_unsafe_message_type.hpp"
#include "caf/error.hpp"
#include "caf/event_based_actor.hpp"

#include "actors/broker/partition_state.hpp"
#include "runtime/log/partition_log.hpp"

namespace actorbus::broker {

/// Partition actor -> io worker: run this fdatasync. Reply: `sync_done`.
struct sync_job {
  std::shared_ptr<log::pending_sync> sync;
};

/// The outcome of a sync_job (a value, not an error reply, so that the
/// partition hands any outcome to `end_sync`).
struct sync_done {
  caf::error error;
};

/// Partition actor -> io worker: open (recover) the partition's log.
/// Reply: `open_done` (the state, or the error in `error`).
struct open_job {
  partition_settings settings;
};

struct open_done {
  std::shared_ptr<std::unique_ptr<partition_state>> state;
  caf::error error;
};

/// The thread that blocks on the disk for the partition actors, which live
/// on the shared scheduler: it opens (recovers and CRC-checks) their logs
/// and runs their fdatasyncs (log::pending_sync, the two-phase sync of
/// partition_log). The broker spawns a few of them `caf::detached` (broker
/// option `io-threads`) and gives each partition one; on the deterministic
/// test scheduler they are ordinary actors.
///
/// A job touches only what it carries: the file handle of a pending sync,
/// or the settings of a log that nobody else uses yet. Local messages only
/// (never serialized).
caf::behavior io_worker(caf::event_based_actor* self);

} // namespace actorbus::broker

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actorbus::broker::sync_job)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actorbus::broker::sync_done)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actorbus::broker::open_job)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actorbus::broker::open_done)
