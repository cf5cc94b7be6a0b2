#pragma once

#include <string>
#include <vector>

#include "caf/actor.hpp"
#include "caf/actor_system_config.hpp"
#include "caf/atom.hpp"
#include "caf/meta/type_name.hpp"

namespace actorbus::cluster {

/// A service node introduces itself to the broker node's gateway.
using hello_atom = caf::atom_constant<caf::atom("hello")>;
/// Local actors ask their node's broker link for the broker (and updates).
using subscribe_atom = caf::atom_constant<caf::atom("subscribe")>;
/// Sent by the broker link to subscribers: the broker is reachable.
using broker_up_atom = caf::atom_constant<caf::atom("brokerup")>;
/// Sent by the broker link to subscribers: the broker is gone; wait.
using broker_down_atom = caf::atom_constant<caf::atom("brokerdown")>;
/// Internal timer of the broker link.
using reconnect_atom = caf::atom_constant<caf::atom("reconnect")>;

/// First message of a service node to the gateway.
struct node_hello {
  std::string name;
  std::vector<std::string> roles;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, node_hello& x) {
  return f(caf::meta::type_name("actorbus::cluster::node_hello"), x.name,
           x.roles);
}

/// The gateway's answer: the broker actor to talk to.
struct node_welcome {
  std::string broker_node;
  caf::actor broker;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, node_welcome& x) {
  return f(caf::meta::type_name("actorbus::cluster::node_welcome"),
           x.broker_node, x.broker);
}

/// Registers the cluster message types (called by register_types).
void register_cluster_types(caf::actor_system_config& cfg);

} // namespace actorbus::cluster
