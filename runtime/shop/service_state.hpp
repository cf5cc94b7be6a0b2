#pragma once

// One of the five service states behind a single interface, so that a single
// generic consumer actor can host any shop service:
//
//   auto st = service_state::make(service_id::payment, params);
//   for (each event ev of topic output_of(id), with causation id c)
//     st.apply_own(ev, c);                       // rebuild after (re)start
//   ... join the groups of inputs_of(id), then per delivered event:
//   if (auto out = st.handle(ev, event_id)) publish(*out) then ack;
//   else ack.
//
// Value type (copyable); not thread-safe, owned by its actor.

#include <optional>
#include <string>
#include <variant>

#include "runtime/shop/cart_state.hpp"
#include "runtime/shop/inventory_state.hpp"
#include "runtime/shop/notification_state.hpp"
#include "runtime/shop/order_state.hpp"
#include "runtime/shop/payment_state.hpp"
#include "runtime/shop/shop_flow.hpp"
#include "runtime/shop/sim_params.hpp"

namespace actorbus::shop {

class service_state {
public:
  /// A fresh (empty) state of service `id` for a run with `params`.
  static service_state make(service_id id, const sim_params& params);

  service_id id() const noexcept { return id_; }

  /// Handles one delivered input event; see the service's header.
  std::optional<outgoing> handle(const shop_event& ev,
                                 const std::string& event_id);

  /// Applies one of the service's own events (rebuild).
  void apply_own(const shop_event& own, const std::string& causation_id);

  const processed_inbox& inbox() const noexcept;

  /// The concrete state, e.g. `as<order_state>()`; throws
  /// std::bad_variant_access for the wrong type.
  template <class State>
  const State& as() const {
    return std::get<State>(state_);
  }

  friend bool operator==(const service_state& x, const service_state& y) {
    return x.id_ == y.id_ && x.state_ == y.state_;
  }

private:
  using any_state = std::variant<cart_state, order_state, payment_state,
                                 inventory_state, notification_state>;

  service_state(service_id id, any_state state);

  service_id id_;
  any_state state_;
};

} // namespace actorbus::shop
