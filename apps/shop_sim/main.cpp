// shop-sim: the single-node shop simulation (see README.md).
#include <iostream>

#include "caf/actor_system.hpp"
#include "caf/io/middleman.hpp"

#include "actors/system/register_types.hpp"
#include "runtime/config/node_config.hpp"
#include "runtime/logging/logger.hpp"

int main(int argc, char** argv) {
  actorbus::node_config cfg;
  cfg.program_name = "shop-sim";
  if (auto err = cfg.load(argc, argv)) {
    std::cerr << "shop-sim: config error: " << actorbus::config_error_line(err)
              << std::endl;
    return 2;
  }
  if (cfg.help_printed())
    return 0;
  actorbus::register_types(cfg);
  caf::actor_system sys{cfg};
  actorbus::logging::info(
    "shop-sim", "started",
    {{"node", cfg.node.name}, {"workers", sys.scheduler().num_workers()}});
  return 0;
}
