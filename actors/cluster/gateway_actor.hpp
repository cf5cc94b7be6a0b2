#pragma once

#include <string>

#include "caf/actor.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/stateful_actor.hpp"

#include "actors/cluster/membership.hpp"

namespace actorbus::cluster {

struct gateway_state {
  std::string node_name;
  caf::actor broker;
  membership members;
  static inline const char* name = "gateway";
};

/// The actor a broker node publishes on its middleman port. A service node
/// sends `(hello_atom, node_hello)` and gets a `node_welcome` with the broker
/// handle, or `errc::duplicate_node` when its name is taken by another live
/// node. The gateway monitors each hello sender; when that node's connection
/// dies (down_msg, e.g. remote_link_unreachable after the heartbeat
/// timeout), its name is free again.
caf::behavior gateway_actor(caf::stateful_actor<gateway_state>* self,
                            std::string node_name, caf::actor broker);

} // namespace actorbus::cluster
