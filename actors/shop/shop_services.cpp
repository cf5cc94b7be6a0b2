#include "actors/shop/shop_services.hpp"

#include <algorithm>

#include "actors/supervisor/supervisor_actor.hpp"
#include "actors/supervisor/supervisor_config.hpp"
#include "runtime/shop/shop_topics.hpp"

namespace actorbus::shop {

caf::expected<std::vector<broker::topic_config>>
shop_topics(const broker_options& defaults) {
  if (auto base = broker::topic_table::defaults_from(defaults); !base)
    return std::move(base.error());
  // The [broker] defaults with each topic's [topics.<name>] section.
  broker::topic_table table{defaults};
  std::vector<broker::topic_config> out;
  for (auto name :
       {topics::cart_commands, topics::carts, topics::orders, topics::payments,
        topics::inventory, topics::notifications}) {
    auto cfg = table.config_for(name);
    if (!cfg)
      return std::move(cfg.error());
    out.push_back(std::move(*cfg));
  }
  return out;
}

caf::expected<shop_services>
spawn_shop_services(caf::actor_system& sys, const shop_services_config& cfg,
                    std::shared_ptr<supervision::actor_directory> dir) {
  shop_services result;
  std::vector<supervision::child_spec> children;
  for (auto id : all_services) {
    std::string name = name_of(id);
    if (std::find(cfg.roles.begin(), cfg.roles.end(), name) == cfg.roles.end())
      continue;
    auto known = cfg.counters.find(name);
    auto counters = known != cfg.counters.end()
                      ? known->second
                      : std::make_shared<service_counters>();
    result.counters[name] = counters;
    service_actor_config sc;
    sc.id = id;
    sc.params = cfg.params;
    sc.broker = cfg.broker;
    sc.crash_rate = cfg.crash_rate;
    sc.seed = cfg.seed + static_cast<uint64_t>(id);
    sc.counters = counters;
    children.push_back(supervision::child_spec{
      name, supervision::restart_type::permanent,
      [sc](caf::actor_system& s) { return s.spawn(service_actor, sc); }});
  }
  auto sup_cfg = supervision::supervisor_config::from_options(
    cfg.supervisor_name, supervision::restart_strategy::one_for_one,
    cfg.supervision);
  auto sup = supervision::spawn_supervisor(sys, std::move(sup_cfg),
                                           std::move(children), std::move(dir));
  if (!sup)
    return std::move(sup.error());
  result.supervisor = *sup;
  return result;
}

} // namespace actorbus::shop
