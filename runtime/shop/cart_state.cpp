#include "runtime/shop/cart_state.hpp"

#include <algorithm>

#include "runtime/shop/overloaded.hpp"

namespace actorbus::shop {

bool operator==(const cart_state::cart& x, const cart_state::cart& y) {
  return x.customer == y.customer && x.lines == y.lines
         && x.checked_out == y.checked_out && x.last_step == y.last_step;
}

bool operator==(const cart_state& x, const cart_state& y) {
  return x.carts_ == y.carts_ && x.checkouts_ == y.checkouts_
         && x.inbox_ == y.inbox_;
}

cart_state::cart_state(catalogue cat) : catalogue_(std::move(cat)) {
  // nop
}

cart_state::cart* cart_state::open_cart(const std::string& order_id) {
  auto i = carts_.find(order_id);
  if (i == carts_.end())
    return nullptr;
  return i->second.checked_out ? nullptr : &i->second;
}

bool cart_state::stale(const std::string& order_id, uint32_t step) const {
  auto i = carts_.find(order_id);
  if (i == carts_.end())
    return false;
  return i->second.checked_out || (step != 0 && step <= i->second.last_step);
}

std::optional<outgoing> cart_state::handle(const add_to_cart& cmd,
                                           const std::string& id) {
  if (inbox_.seen(id) || cmd.qty < 1 || stale(cmd.order_id, cmd.step))
    return std::nullopt;
  auto price = catalogue_.price_of(cmd.sku);
  if (!price)
    return std::nullopt;
  cart_item_added ev{
    cmd.order_id, cmd.customer, {cmd.sku, cmd.qty, *price}, cmd.step};
  apply_own(ev, id);
  return make_outgoing(std::move(ev), id);
}

std::optional<outgoing> cart_state::handle(const remove_from_cart& cmd,
                                           const std::string& id) {
  if (inbox_.seen(id) || cmd.qty < 1 || stale(cmd.order_id, cmd.step))
    return std::nullopt;
  auto* c = open_cart(cmd.order_id);
  int32_t removed = 0;
  if (c != nullptr)
    if (auto i = c->lines.find(cmd.sku); i != c->lines.end())
      removed = std::min(cmd.qty, i->second.qty);
  cart_item_removed ev{cmd.order_id, cmd.customer, cmd.sku, removed, cmd.step};
  apply_own(ev, id);
  return make_outgoing(std::move(ev), id);
}

std::optional<outgoing> cart_state::handle(const check_out& cmd,
                                           const std::string& id) {
  if (inbox_.seen(id) || stale(cmd.order_id, cmd.step))
    return std::nullopt;
  checkout_requested ev{cmd.order_id, cmd.customer, {}};
  if (auto i = carts_.find(cmd.order_id); i != carts_.end())
    for (const auto& [sku, line] : i->second.lines)
      ev.items.push_back(line);
  apply_own(ev, id);
  return make_outgoing(std::move(ev), id);
}

std::optional<outgoing> cart_state::handle(const shop_event& ev,
                                           const std::string& id) {
  return std::visit(overloaded{
                      [&](const add_to_cart& x) { return handle(x, id); },
                      [&](const remove_from_cart& x) { return handle(x, id); },
                      [&](const check_out& x) { return handle(x, id); },
                      [](const auto&) { return std::optional<outgoing>{}; },
                    },
                    ev);
}

void cart_state::apply_own(const shop_event& own,
                           const std::string& causation_id) {
  std::visit(overloaded{
               [&](const cart_item_added& x) {
                 auto& c = carts_[x.order_id];
                 c.customer = x.customer;
                 c.last_step = std::max(c.last_step, x.step);
                 auto [i, added] = c.lines.emplace(x.item.sku, x.item);
                 if (!added)
                   i->second.qty += x.item.qty;
               },
               [&](const cart_item_removed& x) {
                 auto& c = carts_[x.order_id];
                 c.customer = x.customer;
                 c.last_step = std::max(c.last_step, x.step);
                 if (auto i = c.lines.find(x.sku); i != c.lines.end()) {
                   i->second.qty -= x.qty;
                   if (i->second.qty <= 0)
                     c.lines.erase(i);
                 }
               },
               [&](const checkout_requested& x) {
                 auto& c = carts_[x.order_id];
                 c.customer = x.customer;
                 c.lines.clear();
                 c.checked_out = true;
                 ++checkouts_;
               },
               [](const auto&) {},
             },
             own);
  inbox_.record(causation_id);
}

const cart_state::cart* cart_state::find(const std::string& order_id) const {
  auto i = carts_.find(order_id);
  return i != carts_.end() ? &i->second : nullptr;
}

} // namespace actorbus::shop
