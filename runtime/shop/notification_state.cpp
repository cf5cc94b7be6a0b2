#include "runtime/shop/notification_state.hpp"

#include "runtime/shop/overloaded.hpp"

namespace actorbus::shop {

bool operator==(const notification_state& x, const notification_state& y) {
  // The outbox order depends on replay order across partitions; the counts
  // per order and the inbox are what must match.
  return x.sent_ == y.sent_ && x.inbox_ == y.inbox_;
}

std::optional<outgoing> notification_state::notify(const std::string& order_id,
                                                   const std::string& customer,
                                                   notice_kind kind,
                                                   std::string text,
                                                   const std::string& id) {
  if (sent(order_id) > 0)
    return std::nullopt;
  notification_sent out{order_id, customer, kind, std::move(text)};
  apply_own(out, id);
  return make_outgoing(std::move(out), id);
}

std::optional<outgoing> notification_state::handle(const order_confirmed& ev,
                                                   const std::string& id) {
  if (inbox_.seen(id))
    return std::nullopt;
  return notify(ev.order_id, ev.customer, notice_kind::confirmation,
                "Your order " + ev.order_id + " is confirmed.", id);
}

std::optional<outgoing> notification_state::handle(const order_cancelled& ev,
                                                   const std::string& id) {
  if (inbox_.seen(id))
    return std::nullopt;
  return notify(ev.order_id, ev.customer, notice_kind::cancellation,
                "Your order " + ev.order_id
                  + " was cancelled: " + to_string(ev.reason) + ".",
                id);
}

std::optional<outgoing> notification_state::handle(const shop_event& ev,
                                                   const std::string& id) {
  return std::visit(overloaded{
                      [&](const order_confirmed& x) { return handle(x, id); },
                      [&](const order_cancelled& x) { return handle(x, id); },
                      [](const auto&) { return std::optional<outgoing>{}; },
                    },
                    ev);
}

void notification_state::apply_own(const shop_event& own,
                                   const std::string& causation_id) {
  if (auto* x = std::get_if<notification_sent>(&own)) {
    ++sent_[x->order_id];
    outbox_.push_back(*x);
  }
  inbox_.record(causation_id);
}

uint32_t notification_state::sent(const std::string& order_id) const {
  auto i = sent_.find(order_id);
  return i != sent_.end() ? i->second : 0;
}

} // namespace actorbus::shop
