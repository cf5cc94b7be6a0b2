#include "actors/cluster/gateway_actor.hpp"

#include "caf/actor_addr.hpp"
#include "caf/node_id.hpp"

#include "actors/cluster/cluster_messages.hpp"
#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus::cluster {

namespace {

std::string join_roles(const std::vector<std::string>& roles) {
  std::string out;
  for (auto& r : roles)
    out += (out.empty() ? "" : ",") + r;
  return out;
}

} // namespace

caf::behavior gateway_actor(caf::stateful_actor<gateway_state>* self,
                            std::string node_name, caf::actor broker) {
  self->state.node_name = std::move(node_name);
  self->state.broker = std::move(broker);
  self->set_down_handler([=](caf::down_msg& dm) {
    auto key = caf::to_string(dm.source.node());
    for (auto& name : self->state.members.leave(key))
      logging::warn("gateway", "node left",
                    {{"node", name}, {"reason", render(dm.reason)}});
  });
  return {
    [=](hello_atom, const node_hello& hello) -> caf::result<node_welcome> {
      auto& sender = self->current_sender();
      if (!sender)
        return caf::make_error(errc::bad_request, "hello without a sender");
      auto key = caf::to_string(sender->node());
      if (auto err = self->state.members.join(hello.name, key, hello.roles)) {
        logging::warn("gateway", "refused node with a taken name",
                      {{"node", hello.name}, {"from", key}});
        return err;
      }
      self->monitor(sender);
      logging::info("gateway", "node joined",
                    {{"node", hello.name}, {"roles", join_roles(hello.roles)}});
      return node_welcome{self->state.node_name, self->state.broker};
    },
  };
}

} // namespace actorbus::cluster
