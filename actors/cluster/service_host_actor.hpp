#pragma once

#include <functional>
#include <memory>

#include "caf/actor.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/stateful_actor.hpp"

#include "actors/shop/shop_services.hpp"

namespace actorbus::cluster {

struct service_host_config {
  /// The services to run; `services.broker` is set on each connect.
  shop::shop_services_config services;
  std::shared_ptr<supervision::actor_directory> directory;
  /// Called (on the actor's thread) after the services started on a
  /// broker; e.g. to print the node's readiness line once.
  std::function<void(const caf::actor& broker)> on_started;
};

struct service_host_state {
  service_host_config cfg;
  caf::actor supervisor;
  caf::actor broker;
  static inline const char* name = "service-host";
};

/// Runs a service node's shop services against the broker its broker link
/// reports: starts them on `broker_up` (restarting them on a new broker so
/// they rebuild from the log as it is now) and stops them on
/// `broker_down`, so no service works against a dead proxy.
caf::behavior service_host_actor(caf::stateful_actor<service_host_state>* self,
                                 service_host_config cfg, caf::actor link);

} // namespace actorbus::cluster
