#pragma once

#include <map>
#include <string>
#include <vector>

#include "caf/actor.hpp"
#include "caf/actor_system.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/stateful_actor.hpp"
#include "caf/system_messages.hpp"

#include "actors/broker/topic_discovery.hpp"
#include "actors/broker/topic_table.hpp"
#include "runtime/clock.hpp"
#include "runtime/config/node_config.hpp"
#include "runtime/log/file_system.hpp"

namespace actorbus::broker {

/// How to run a broker.
struct broker_config {
  /// [broker] defaults (node_config::broker).
  broker_options options;
  /// Topics created at start with their own settings.
  std::vector<topic_config> topics;
  /// Topics whose logs exist under `data_dir`; spawn_broker fills this in
  /// (discover_topics), the broker opens them at start.
  std::vector<found_topic> on_disk;
  /// Root of the logs (`<data_dir>/<topic>/<partition>`) and offsets
  /// (`<data_dir>/__offsets`).
  std::string data_dir;
  /// Never null; must outlive the broker (posix_file_system::instance()).
  log::file_system* fs = nullptr;
  /// Spawn the io workers and the offsets actor `caf::detached` (their
  /// fsyncs then never block the shared scheduler; the partition actors
  /// always live on the scheduler). Tests on the deterministic scheduler set
  /// this to false.
  bool detached_io = true;
  /// Offset commits arriving within this window share one snapshot write
  /// and fsync (offsets_actor); tests on the deterministic scheduler set 0.
  /// A crash can lose at most this much of the newest commits: those events
  /// are delivered again and the consumers' inboxes skip them (Kafka's
  /// auto-commit interval is 5 s). 50 ms instead of 10 ms: +9 % shop
  /// orders/s in an A/B, fewer wake-ups of the offsets thread.
  caf::timespan offsets_flush_delay = std::chrono::milliseconds{50};
  const clock* clk = &system_clock::instance();
};

/// The broker front door of one node (a thin shell; topic bookkeeping in
/// topic_table, partitions and groups in their own actors, all linked to
/// it). Messages (see *_messages.hpp):
///   publish_request        -> publish_result   (after durable)
///   topic_metadata_request -> topic_metadata
///   join_request           -> join_result      (forwarded to the group's
///                                               coordinator)
///   reset_offsets_request  -> reset_offsets_result
///   replay_dlq_request     -> replay_result
///   read_request           -> fetch_result     (no group; for tools)
///   status_request         -> broker_status
///   shutdown_atom          -> (stops; pending publishes fail with
///                              errc::shutting_down)
struct broker_state {
  struct topic_entry {
    std::vector<caf::actor> partitions;
    uint64_t round_robin = 0;
  };

  broker_config cfg;
  std::unique_ptr<topic_table> topics;
  std::map<std::string, topic_entry> partitions;
  /// Key: group + '\0' + topic.
  std::map<std::string, caf::actor> coordinators;
  caf::actor offsets;
  /// Threads that block on the disk for the partitions (io_worker).
  std::vector<caf::actor> io_workers;
  /// One timer for the `interval` syncs of every partition.
  caf::actor ticker;
  size_t next_io = 0;
  bool shutting_down = false;

  static inline const char* name = "broker";
};

caf::behavior broker_actor(caf::stateful_actor<broker_state>* self,
                           broker_config cfg);

/// Spawns a broker (the usual entry point): finds the topics already stored
/// under `cfg.data_dir` first (blocking directory reads on the caller's
/// thread), so that every topic a previous run created, also on first use,
/// is open again with its partition count.
caf::actor spawn_broker(caf::actor_system& sys, broker_config cfg);

} // namespace actorbus::broker
