#include "runtime/shop/order_state.hpp"

#include "runtime/shop/overloaded.hpp"

namespace actorbus::shop {

std::string to_string(order_status x) {
  switch (x) {
    case order_status::created:
      return "created";
    case order_status::paid:
      return "paid";
    case order_status::confirmed:
      return "confirmed";
    case order_status::cancelled:
      return "cancelled";
  }
  return "unknown";
}

bool operator==(const order_state::order& x, const order_state::order& y) {
  return x.customer == y.customer && x.items == y.items
         && x.amount_cents == y.amount_cents && x.status == y.status
         && x.reason == y.reason;
}

order_state::order* order_state::in_status(const std::string& order_id,
                                           order_status status) {
  auto i = orders_.find(order_id);
  if (i == orders_.end() || i->second.status != status)
    return nullptr;
  return &i->second;
}

std::optional<outgoing> order_state::cancel(const order& x,
                                            const std::string& order_id,
                                            cancel_reason reason,
                                            const std::string& id) {
  order_cancelled ev{order_id, x.customer, reason};
  apply_own(ev, id);
  return make_outgoing(std::move(ev), id);
}

std::optional<outgoing> order_state::handle(const checkout_requested& ev,
                                            const std::string& id) {
  if (inbox_.seen(id) || orders_.count(ev.order_id) > 0)
    return std::nullopt;
  if (ev.items.empty()) {
    order_cancelled out{ev.order_id, ev.customer, cancel_reason::empty_cart};
    apply_own(out, id);
    return make_outgoing(std::move(out), id);
  }
  int64_t amount = 0;
  for (const auto& item : ev.items)
    amount += item.qty * item.unit_price_cents;
  order_created out{ev.order_id, ev.customer, ev.items, amount};
  apply_own(out, id);
  return make_outgoing(std::move(out), id);
}

std::optional<outgoing> order_state::handle(const payment_authorized& ev,
                                            const std::string& id) {
  if (inbox_.seen(id))
    return std::nullopt;
  auto* x = in_status(ev.order_id, order_status::created);
  if (x == nullptr)
    return std::nullopt;
  order_paid out{ev.order_id, x->customer, x->items};
  apply_own(out, id);
  return make_outgoing(std::move(out), id);
}

std::optional<outgoing> order_state::handle(const payment_declined& ev,
                                            const std::string& id) {
  if (inbox_.seen(id))
    return std::nullopt;
  if (auto* x = in_status(ev.order_id, order_status::created))
    return cancel(*x, ev.order_id, cancel_reason::payment_declined, id);
  return std::nullopt;
}

std::optional<outgoing> order_state::handle(const stock_reserved& ev,
                                            const std::string& id) {
  if (inbox_.seen(id))
    return std::nullopt;
  auto* x = in_status(ev.order_id, order_status::paid);
  if (x == nullptr)
    return std::nullopt;
  order_confirmed out{ev.order_id, x->customer, x->amount_cents};
  apply_own(out, id);
  return make_outgoing(std::move(out), id);
}

std::optional<outgoing> order_state::handle(const out_of_stock& ev,
                                            const std::string& id) {
  if (inbox_.seen(id))
    return std::nullopt;
  if (auto* x = in_status(ev.order_id, order_status::paid))
    return cancel(*x, ev.order_id, cancel_reason::out_of_stock, id);
  return std::nullopt;
}

std::optional<outgoing> order_state::handle(const shop_event& ev,
                                            const std::string& id) {
  return std::visit(
    overloaded{
      [&](const checkout_requested& x) { return handle(x, id); },
      [&](const payment_authorized& x) { return handle(x, id); },
      [&](const payment_declined& x) { return handle(x, id); },
      [&](const stock_reserved& x) { return handle(x, id); },
      [&](const out_of_stock& x) { return handle(x, id); },
      [](const auto&) { return std::optional<outgoing>{}; },
    },
    ev);
}

void order_state::apply_own(const shop_event& own,
                            const std::string& causation_id) {
  std::visit(overloaded{
               [&](const order_created& x) {
                 auto& o = orders_[x.order_id];
                 o.customer = x.customer;
                 o.items = x.items;
                 o.amount_cents = x.amount_cents;
                 o.status = order_status::created;
               },
               [&](const order_paid& x) {
                 orders_[x.order_id].status = order_status::paid;
               },
               [&](const order_confirmed& x) {
                 orders_[x.order_id].status = order_status::confirmed;
               },
               [&](const order_cancelled& x) {
                 auto& o = orders_[x.order_id];
                 o.customer = x.customer;
                 o.status = order_status::cancelled;
                 o.reason = x.reason;
               },
               [](const auto&) {},
             },
             own);
  inbox_.record(causation_id);
}

const order_state::order* order_state::find(const std::string& order_id) const {
  auto i = orders_.find(order_id);
  return i != orders_.end() ? &i->second : nullptr;
}

uint64_t order_state::count(order_status status) const noexcept {
  uint64_t result = 0;
  for (const auto& [id, x] : orders_)
    if (x.status == status)
      ++result;
  return result;
}

} // namespace actorbus::shop
