#include "actors/supervisor/supervisor_messages.hpp"

namespace actorbus::supervision {

void register_supervision_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<child_snapshot>("actorbus::supervision::child_snapshot");
  cfg.add_message_type<tree_snapshot>("actorbus::supervision::tree_snapshot");
}

} // namespace actorbus::supervision
