#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "caf/actor.hpp"
#include "caf/actor_system.hpp"

#include "actors/admin/node_metrics.hpp"
#include "actors/shop/service_actor.hpp"
#include "actors/supervisor/actor_directory.hpp"
#include "runtime/admin/admin_server.hpp"
#include "runtime/config/node_config.hpp"
#include "runtime/metrics/registry.hpp"

namespace actorbus::admin {

class dlq_cursors;

/// The admin endpoint of a node (docs/admin-api.md), wired to its broker
/// (may be invalid on a node without the broker role), its supervision
/// directory and its shop services' counters.
///
/// Every handler runs on the server's thread and answers asynchronously: it
/// spawns a short-lived actor that asks the broker and then replies, so
/// neither the server nor any actor ever blocks on the other.
class node_admin {
public:
  using counters_map = service_counters_map;

  node_admin(caf::actor_system& sys, const node_config& cfg, caf::actor broker,
             std::shared_ptr<supervision::actor_directory> dir,
             counters_map counters);
  ~node_admin();

  /// Registers the routes and starts the server; a no-op when
  /// `[admin] enable=false`.
  caf::error start();
  void stop();

  /// "host:port" of the running endpoint, or "off".
  std::string endpoint() const;

private:
  void add_routes();

  caf::actor_system& sys_;
  std::string node_name_;
  bool enabled_;
  caf::actor broker_;
  std::shared_ptr<supervision::actor_directory> dir_;
  counters_map counters_;
  std::chrono::steady_clock::time_point started_;
  std::unique_ptr<metrics::registry> metrics_;
  std::shared_ptr<dlq_cursors> dlq_cursors_;
  std::unique_ptr<admin_server> server_;
};

} // namespace actorbus::admin
