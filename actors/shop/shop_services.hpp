#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "caf/actor.hpp"
#include "caf/actor_system.hpp"
#include "caf/expected.hpp"

#include "actors/broker/topic_table.hpp"
#include "actors/shop/service_actor.hpp"
#include "actors/supervisor/actor_directory.hpp"
#include "runtime/config/node_config.hpp"

namespace actorbus::shop {

/// The shop's topics, each with the [broker] defaults (partitions,
/// durability, segment size, retention) overridden by its
/// `[topics.<name>]` section, if the config has one.
caf::expected<std::vector<broker::topic_config>>
shop_topics(const broker_options& defaults);

/// The services of one node, running under one supervisor ("shop").
struct shop_services {
  caf::actor supervisor;
  /// By service name; shared by every instance of that service.
  std::map<std::string, std::shared_ptr<service_counters>> counters;
};

/// What a node needs to run its shop services.
struct shop_services_config {
  caf::actor broker;
  /// Which services to run ("cart", "order", ...); others are skipped.
  std::vector<std::string> roles;
  sim_params params;
  double crash_rate = 0.0;
  uint64_t seed = 1;
  supervision_options supervision;
  /// Name of the supervisor in the directory and in logs.
  std::string supervisor_name = "shop";
  /// Counters to reuse by service name (e.g. across a broker reconnect);
  /// missing ones are created.
  std::map<std::string, std::shared_ptr<service_counters>> counters;
};

/// Spawns a one_for_one supervisor whose permanent children are the shop
/// services named in `cfg.roles`, each a service_actor; restarted children
/// rebuild their state from their own events and rejoin their groups.
caf::expected<shop_services>
spawn_shop_services(caf::actor_system& sys, const shop_services_config& cfg,
                    std::shared_ptr<supervision::actor_directory> dir);

} // namespace actorbus::shop
