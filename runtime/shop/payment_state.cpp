#include "runtime/shop/payment_state.hpp"

#include "runtime/shop/overloaded.hpp"

namespace actorbus::shop {

bool operator==(const payment_state::payment& x,
                const payment_state::payment& y) {
  return x.customer == y.customer && x.amount_cents == y.amount_cents
         && x.authorizations == y.authorizations && x.declines == y.declines
         && x.refunds == y.refunds;
}

payment_state::payment_state(payment_gateway gateway)
  : gateway_(std::move(gateway)) {
  // nop
}

std::optional<outgoing> payment_state::handle(const order_created& ev,
                                              const std::string& id) {
  if (inbox_.seen(id) || payments_.count(ev.order_id) > 0)
    return std::nullopt;
  auto decision = gateway_.charge(ev.order_id, ev.amount_cents);
  shop_event out;
  if (decision.approved)
    out = payment_authorized{ev.order_id, ev.customer, ev.amount_cents};
  else
    out = payment_declined{ev.order_id, ev.customer, ev.amount_cents,
                           decision.decline_reason};
  apply_own(out, id);
  return make_outgoing(std::move(out), id, decision.latency);
}

std::optional<outgoing> payment_state::handle(const order_cancelled& ev,
                                              const std::string& id) {
  if (inbox_.seen(id))
    return std::nullopt;
  auto i = payments_.find(ev.order_id);
  if (i == payments_.end() || i->second.authorizations == 0
      || i->second.refunds > 0)
    return std::nullopt;
  payment_refunded out{ev.order_id, i->second.customer, i->second.amount_cents};
  apply_own(out, id);
  return make_outgoing(std::move(out), id);
}

std::optional<outgoing> payment_state::handle(const shop_event& ev,
                                              const std::string& id) {
  return std::visit(overloaded{
                      [&](const order_created& x) { return handle(x, id); },
                      [&](const order_cancelled& x) { return handle(x, id); },
                      [](const auto&) { return std::optional<outgoing>{}; },
                    },
                    ev);
}

void payment_state::apply_own(const shop_event& own,
                              const std::string& causation_id) {
  auto record = [this](const std::string& order_id, const std::string& customer,
                       int64_t amount) -> auto& {
    auto& p = payments_[order_id];
    p.customer = customer;
    p.amount_cents = amount;
    return p;
  };
  std::visit(
    overloaded{
      [&](const payment_authorized& x) {
        ++record(x.order_id, x.customer, x.amount_cents).authorizations;
      },
      [&](const payment_declined& x) {
        ++record(x.order_id, x.customer, x.amount_cents).declines;
      },
      [&](const payment_refunded& x) {
        ++record(x.order_id, x.customer, x.amount_cents).refunds;
      },
      [](const auto&) {},
    },
    own);
  inbox_.record(causation_id);
}

const payment_state::payment*
payment_state::find(const std::string& order_id) const {
  auto i = payments_.find(order_id);
  return i != payments_.end() ? &i->second : nullptr;
}

} // namespace actorbus::shop
