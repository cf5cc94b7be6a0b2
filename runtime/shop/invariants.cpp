#include "runtime/shop/invariants.hpp"

#include <algorithm>

namespace actorbus::shop {

namespace {

using std::to_string;

// Collects offenders of one invariant; keeps the first for the detail line.
struct offenders {
  uint64_t count = 0;
  std::string first;

  void add(const std::string& what) {
    if (count++ == 0)
      first = what;
  }

  invariant_result verdict(std::string name, std::string ok_detail) const {
    if (count == 0)
      return {std::move(name), true, std::move(ok_detail)};
    return {std::move(name), false,
            to_string(count) + " violation(s), first: " + first};
  }
};

invariant_result check_terminal(const shop_view& v) {
  offenders bad;
  uint64_t terminal = 0;
  for (const auto& [id, o] : v.orders.orders()) {
    if (o.terminal())
      ++terminal;
    else
      bad.add(id + " is " + to_string(o.status));
  }
  auto known = v.orders.orders().size();
  if (known != v.orders_placed)
    bad.add(to_string(known) + " orders known but " + to_string(v.orders_placed)
            + " placed");
  return bad.verdict("every order reached a terminal state",
                     to_string(terminal) + " of " + to_string(v.orders_placed)
                       + " orders terminal");
}

invariant_result check_single_charge(const shop_view& v) {
  offenders bad;
  uint64_t charged = 0;
  for (const auto& [id, p] : v.payments.payments()) {
    if (p.authorizations > 0)
      ++charged;
    if (p.authorizations > 1)
      bad.add(id + " charged " + to_string(p.authorizations) + " times");
  }
  return bad.verdict("no order charged twice",
                     to_string(charged) + " orders charged once");
}

invariant_result check_refunds(const shop_view& v) {
  offenders bad;
  uint64_t refunded = 0;
  for (const auto& [id, p] : v.payments.payments()) {
    const auto* o = v.orders.find(id);
    bool cancelled = o != nullptr && o->status == order_status::cancelled;
    bool needs = cancelled && p.authorizations > 0;
    refunded += p.refunds;
    if (needs && p.refunds != 1)
      bad.add(id + " cancelled after a charge, refunded " + to_string(p.refunds)
              + " times");
    else if (!needs && p.refunds > 0)
      bad.add(id + " refunded but " + (o ? to_string(o->status) : "unknown"));
  }
  return bad.verdict("every order cancelled after a charge was refunded",
                     to_string(refunded) + " refunds");
}

invariant_result check_stock(const shop_view& v) {
  offenders bad;
  std::map<std::string, int64_t> confirmed_units;
  for (const auto& [id, o] : v.orders.orders())
    if (o.status == order_status::confirmed)
      for (const auto& item : o.items)
        confirmed_units[item.sku] += item.qty;
  auto sold = v.inventory.sold();
  int64_t total_sold = 0;
  for (const auto& [sku, s] : v.inventory.stocks()) {
    auto units = sold[sku];
    total_sold += units;
    auto lowest = std::min(s.lowest_available, s.available);
    if (lowest < 0)
      bad.add(sku + " went down to " + to_string(lowest));
    if (s.initial != s.available + units)
      bad.add(sku + ": initial " + to_string(s.initial) + " != remaining "
              + to_string(s.available) + " + sold " + to_string(units));
    if (units != confirmed_units[sku])
      bad.add(sku + ": sold " + to_string(units) + " but confirmed orders hold "
              + to_string(confirmed_units[sku]));
  }
  for (const auto& [sku, units] : confirmed_units)
    if (v.inventory.stocks().count(sku) == 0)
      bad.add(sku + " confirmed but not in the inventory");
  return bad.verdict("stock never negative, and initial stock = remaining + "
                     "sold",
                     to_string(v.inventory.stocks().size()) + " skus, "
                       + to_string(total_sold) + " units sold");
}

invariant_result check_notifications(const shop_view& v) {
  offenders bad;
  for (const auto& [id, o] : v.orders.orders()) {
    auto n = v.notifications.sent(id);
    if (n != 1)
      bad.add(id + " got " + to_string(n) + " notices");
  }
  for (const auto& notice : v.notifications.outbox()) {
    const auto* o = v.orders.find(notice.order_id);
    auto expected = o && o->status == order_status::confirmed
                      ? notice_kind::confirmation
                      : notice_kind::cancellation;
    if (o == nullptr || !o->terminal())
      bad.add(notice.order_id + " notified but not terminal");
    else if (notice.kind != expected)
      bad.add(notice.order_id + " got a " + to_string(notice.kind) + " but is "
              + to_string(o->status));
  }
  return bad.verdict("exactly one notification per order",
                     to_string(v.notifications.outbox().size())
                       + " notices sent");
}

invariant_result check_no_event_lost(const shop_view& v) {
  offenders bad;
  uint64_t total = 0;
  if (v.topics.empty())
    bad.add("no topic counts given");
  for (const auto& [topic, c] : v.topics) {
    total += c.published;
    if (c.published != c.end_offset)
      bad.add(topic + ": published " + to_string(c.published)
              + " but end offset " + to_string(c.end_offset));
  }
  return bad.verdict("no event lost", to_string(v.topics.size()) + " topics, "
                                        + to_string(total) + " events");
}

} // namespace

std::vector<invariant_result> check_invariants(const shop_view& view) {
  return {check_terminal(view),      check_single_charge(view),
          check_refunds(view),       check_stock(view),
          check_notifications(view), check_no_event_lost(view)};
}

bool all_passed(const std::vector<invariant_result>& results) {
  return std::all_of(results.begin(), results.end(),
                     [](const auto& x) { return x.passed; });
}

} // namespace actorbus::shop
