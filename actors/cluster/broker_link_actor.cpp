#include "actors/cluster/broker_link_actor.hpp"

#include "caf/actor_cast.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/node_id.hpp"
#include "caf/sec.hpp"

#include "actors/cluster/cluster_messages.hpp"
#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus::cluster {

namespace {

using self_ptr = caf::stateful_actor<broker_link_state>*;

std::string endpoint(const broker_link_config& cfg) {
  return cfg.host + ":" + std::to_string(cfg.port);
}

void connect(self_ptr self);

void retry_later(self_ptr self, const std::string& what,
                 const caf::error& err) {
  auto& st = self->state;
  ++st.failures;
  auto delay = st.backoff.next(self->clock().now());
  logging::warn("broker-link", what,
                {{"broker", endpoint(st.cfg)},
                 {"reason", render(err)},
                 {"attempt", st.failures},
                 {"retry_in", delay}});
  self->delayed_send(self, delay, reconnect_atom::value);
}

void on_welcome(self_ptr self, node_welcome& welcome) {
  auto& st = self->state;
  st.broker = std::move(welcome.broker);
  st.broker_node = std::move(welcome.broker_node);
  self->monitor(st.broker);
  self->monitor(st.gateway);
  st.backoff.on_started(self->clock().now());
  logging::info("broker-link", "connected",
                {{"broker", endpoint(st.cfg)},
                 {"broker_node", st.broker_node},
                 {"after_failures", st.failures}});
  st.failures = 0;
  for (auto& sub : st.subscribers)
    self->send(sub, broker_up_atom::value, st.broker);
}

void greet(self_ptr self) {
  auto& st = self->state;
  self
    ->request(st.gateway, st.cfg.request_timeout, hello_atom::value,
              node_hello{st.cfg.node_name, st.cfg.roles})
    .then([=](node_welcome& welcome) { on_welcome(self, welcome); },
          [=](caf::error& err) {
            if (has_code(err, errc::duplicate_node)) {
              logging::error(
                "broker-link", "refused by the broker node",
                {{"node", self->state.cfg.node_name}, {"reason", render(err)}});
              self->quit(err);
              return;
            }
            self->state.gateway = nullptr;
            retry_later(self, "hello failed", err);
          });
}

void connect(self_ptr self) {
  auto& st = self->state;
  self
    ->request(st.mm, st.cfg.request_timeout, caf::connect_atom::value,
              st.cfg.host, st.cfg.port)
    .then(
      [=](const caf::node_id&, caf::strong_actor_ptr& gw,
          const std::set<std::string>&) {
        if (!gw) {
          retry_later(self, "no gateway published there",
                      caf::make_error(errc::node_unreachable, "no actor"));
          return;
        }
        self->state.gateway = caf::actor_cast<caf::actor>(std::move(gw));
        greet(self);
      },
      [=](caf::error& err) {
        if (self->state.cfg.tls && err == caf::sec::disconnect_during_handshake)
          retry_later(self,
                      "refused by the broker node: TLS handshake failed "
                      "(is this node's certificate signed by the cluster CA?)",
                      err);
        else
          retry_later(self, "cannot reach broker", err);
      });
}

void on_down(self_ptr self, const caf::down_msg& dm) {
  auto& st = self->state;
  bool ours = (st.broker && dm.source == st.broker.address())
              || (st.gateway && dm.source == st.gateway.address());
  if (!ours) {
    for (auto i = st.subscribers.begin(); i != st.subscribers.end(); ++i)
      if (dm.source == i->address()) {
        st.subscribers.erase(i);
        break;
      }
    return;
  }
  st.broker = nullptr;
  st.gateway = nullptr;
  for (auto& sub : st.subscribers)
    self->send(sub, broker_down_atom::value);
  retry_later(self, "lost the broker", dm.reason);
}

} // namespace

caf::behavior broker_link_actor(self_ptr self, broker_link_config cfg,
                                caf::io::middleman_actor mm) {
  auto& st = self->state;
  st.backoff = supervision::exponential_backoff{cfg.backoff, cfg.seed};
  st.cfg = std::move(cfg);
  st.mm = std::move(mm);
  self->set_down_handler([=](caf::down_msg& dm) { on_down(self, dm); });
  connect(self);
  return {
    [=](reconnect_atom) {
      if (!self->state.broker)
        connect(self);
    },
    [=](subscribe_atom) {
      auto sub = caf::actor_cast<caf::actor>(self->current_sender());
      if (!sub)
        return;
      self->monitor(sub);
      self->state.subscribers.insert(sub);
      if (self->state.broker)
        self->send(sub, broker_up_atom::value, self->state.broker);
    },
  };
}

} // namespace actorbus::cluster
