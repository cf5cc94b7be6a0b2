#include "actors/cluster/cluster_messages.hpp"

namespace actorbus::cluster {

void register_cluster_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<node_hello>("actorbus::cluster::node_hello");
  cfg.add_message_type<node_welcome>("actorbus::cluster::node_welcome");
}

} // namespace actorbus::cluster
