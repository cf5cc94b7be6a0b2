#include "runtime/shop/inventory_state.hpp"

#include <algorithm>

#include "runtime/shop/overloaded.hpp"

namespace actorbus::shop {

bool operator==(const inventory_state::stock& x,
                const inventory_state::stock& y) {
  return x.initial == y.initial && x.available == y.available
         && x.lowest_available == y.lowest_available;
}

bool operator==(const inventory_state::decision& x,
                const inventory_state::decision& y) {
  return x.what == y.what && x.items == y.items
         && x.reservations == y.reservations && x.releases == y.releases;
}

inventory_state::inventory_state(const catalogue& cat) {
  for (const auto& sku : cat.skus())
    stocks_.emplace(sku, stock{cat.initial_stock(), cat.initial_stock(),
                               cat.initial_stock()});
}

std::optional<outgoing> inventory_state::handle(const order_paid& ev,
                                                const std::string& id) {
  if (inbox_.seen(id) || decisions_.count(ev.order_id) > 0)
    return std::nullopt;
  // Two lines of one sku must fit together.
  std::map<std::string, int64_t> wanted;
  for (const auto& item : ev.items)
    wanted[item.sku] += item.qty;
  for (const auto& [sku, qty] : wanted) {
    auto i = stocks_.find(sku);
    auto available = i != stocks_.end() ? i->second.available : int64_t{0};
    if (qty < 1 || available < qty) {
      out_of_stock out{ev.order_id, sku, static_cast<int32_t>(qty), available};
      apply_own(out, id);
      return make_outgoing(std::move(out), id);
    }
  }
  stock_reserved out{ev.order_id, ev.items, {}};
  for (const auto& item : ev.items)
    out.remaining.push_back(stocks_[item.sku].available - wanted[item.sku]);
  apply_own(out, id);
  return make_outgoing(std::move(out), id);
}

std::optional<outgoing> inventory_state::handle(const order_cancelled& ev,
                                                const std::string& id) {
  if (inbox_.seen(id))
    return std::nullopt;
  auto i = decisions_.find(ev.order_id);
  if (i == decisions_.end() || i->second.what != outcome::reserved)
    return std::nullopt;
  stock_released out{ev.order_id, i->second.items};
  apply_own(out, id);
  return make_outgoing(std::move(out), id);
}

std::optional<outgoing> inventory_state::handle(const shop_event& ev,
                                                const std::string& id) {
  return std::visit(overloaded{
                      [&](const order_paid& x) { return handle(x, id); },
                      [&](const order_cancelled& x) { return handle(x, id); },
                      [](const auto&) { return std::optional<outgoing>{}; },
                    },
                    ev);
}

void inventory_state::adjust(const std::vector<line_item>& items,
                             int64_t sign) {
  for (const auto& item : items)
    stocks_[item.sku].available += sign * item.qty;
}

void inventory_state::apply_own(const shop_event& own,
                                const std::string& causation_id) {
  std::visit(overloaded{
               [&](const stock_reserved& x) {
                 auto& d = decisions_[x.order_id];
                 d.what = outcome::reserved;
                 d.items = x.items;
                 ++d.reservations;
                 adjust(x.items, -1);
                 for (size_t i = 0;
                      i < x.items.size() && i < x.remaining.size(); ++i) {
                   auto& low = stocks_[x.items[i].sku].lowest_available;
                   low = std::min(low, x.remaining[i]);
                 }
               },
               [&](const out_of_stock& x) {
                 decisions_[x.order_id].what = outcome::out_of_stock;
               },
               [&](const stock_released& x) {
                 auto& d = decisions_[x.order_id];
                 d.what = outcome::released;
                 ++d.releases;
                 adjust(x.items, +1);
               },
               [](const auto&) {},
             },
             own);
  inbox_.record(causation_id);
}

std::map<std::string, int64_t> inventory_state::sold() const {
  std::map<std::string, int64_t> result;
  for (const auto& [sku, s] : stocks_)
    result[sku] = 0;
  for (const auto& [order_id, d] : decisions_)
    if (d.what == outcome::reserved)
      for (const auto& item : d.items)
        result[item.sku] += item.qty;
  return result;
}

const inventory_state::decision*
inventory_state::find(const std::string& order_id) const {
  auto i = decisions_.find(order_id);
  return i != decisions_.end() ? &i->second : nullptr;
}

} // namespace actorbus::shop
