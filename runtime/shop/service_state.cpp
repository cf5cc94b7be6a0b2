#include "runtime/shop/service_state.hpp"

#include "runtime/shop/catalogue.hpp"
#include "runtime/shop/payment_gateway.hpp"

namespace actorbus::shop {

service_state::service_state(service_id id, any_state state)
  : id_(id), state_(std::move(state)) {
  // nop
}

service_state service_state::make(service_id id, const sim_params& params) {
  switch (id) {
    case service_id::cart:
      return {id, cart_state{catalogue{params}}};
    case service_id::order:
      return {id, order_state{}};
    case service_id::payment:
      return {id, payment_state{payment_gateway{params}}};
    case service_id::inventory:
      return {id, inventory_state{catalogue{params}}};
    case service_id::notification:
      break;
  }
  return {service_id::notification, notification_state{}};
}

std::optional<outgoing> service_state::handle(const shop_event& ev,
                                              const std::string& event_id) {
  return std::visit([&](auto& st) { return st.handle(ev, event_id); }, state_);
}

void service_state::apply_own(const shop_event& own,
                              const std::string& causation_id) {
  std::visit([&](auto& st) { st.apply_own(own, causation_id); }, state_);
}

const processed_inbox& service_state::inbox() const noexcept {
  return std::visit(
    [](const auto& st) -> const processed_inbox& { return st.inbox(); },
    state_);
}

} // namespace actorbus::shop
