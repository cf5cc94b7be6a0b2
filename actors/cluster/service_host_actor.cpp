#include "actors/cluster/service_host_actor.hpp"

#include "actors/cluster/cluster_messages.hpp"
#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus::cluster {

namespace {

using self_ptr = caf::stateful_actor<service_host_state>*;

void stop_services(self_ptr self, const char* why) {
  auto& st = self->state;
  if (!st.supervisor)
    return;
  logging::warn("service-host", "stopping services", {{"reason", why}});
  self->send_exit(st.supervisor, caf::exit_reason::user_shutdown);
  st.supervisor = nullptr;
}

} // namespace

caf::behavior service_host_actor(self_ptr self, service_host_config cfg,
                                 caf::actor link) {
  self->state.cfg = std::move(cfg);
  self->send(link, subscribe_atom::value);
  self->link_to(link);
  self->set_exit_handler([=](caf::exit_msg& msg) {
    stop_services(self, "node stops");
    self->quit(msg.reason);
  });
  return {
    [=](broker_up_atom, const caf::actor& broker) {
      auto& st = self->state;
      stop_services(self, "new broker connection");
      st.broker = broker;
      auto scfg = st.cfg.services;
      scfg.broker = broker;
      auto svcs
        = shop::spawn_shop_services(self->system(), scfg, st.cfg.directory);
      if (!svcs) {
        logging::error("service-host", "cannot start services",
                       {{"reason", render(svcs.error())}});
        self->quit(svcs.error());
        return;
      }
      st.supervisor = svcs->supervisor;
      for (auto& [name, counters] : svcs->counters)
        st.cfg.services.counters[name] = counters;
      logging::info("service-host", "services started",
                    {{"services", svcs->counters.size()}});
      if (st.cfg.on_started)
        st.cfg.on_started(broker);
    },
    [=](broker_down_atom) { stop_services(self, "broker lost"); },
  };
}

} // namespace actorbus::cluster
