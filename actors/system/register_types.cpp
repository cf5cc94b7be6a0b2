#include "actors/system/register_types.hpp"

#include "actors/broker/register_broker_types.hpp"
#include "actors/cluster/cluster_messages.hpp"
#include "actors/supervisor/supervisor_messages.hpp"
#include "runtime/errc.hpp"

namespace actorbus {

void register_types(caf::actor_system_config& cfg) {
  // Renders actorbus errors through sys.render() the same way as render().
  cfg.add_error_category(
    caf::atom("actorbus"),
    [](uint8_t code, caf::atom_value category, const caf::message& ctx) {
      return render(caf::error{code, category, ctx});
    });
  cluster::register_cluster_types(cfg);
  broker::register_broker_types(cfg);
  supervision::register_supervision_types(cfg);
}

} // namespace actorbus
