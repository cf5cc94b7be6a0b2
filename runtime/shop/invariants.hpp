#pragma once

// The invariants a finished shop run must satisfy, checked over the final
// service states. For a check over the whole history (e.g. after --resume),
// pass states rebuilt from the topics with apply_own: apply_own counts
// duplicates instead of hiding them, so a double charge, a double refund, a
// doubly applied reservation or a second notice in the log shows up here.
//
//   terminal        every order placed reached confirmed or cancelled
//   single-charge   no order was charged (authorized) twice
//   refunds         every order cancelled after a charge was refunded, once;
//                   nothing else was refunded
//   stock           no sku's stock ever went below zero, initial = remaining
//                   + sold, and sold = the units of the confirmed orders
//   notifications   exactly one notice per order, of the kind its outcome
//                   calls for, and none for unknown orders
//   no-event-lost   each topic's end offset (summed over its partitions)
//                   equals the number of events published to it

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "runtime/shop/inventory_state.hpp"
#include "runtime/shop/notification_state.hpp"
#include "runtime/shop/order_state.hpp"
#include "runtime/shop/payment_state.hpp"

namespace actorbus::shop {

struct topic_count {
  uint64_t published = 0;
  uint64_t end_offset = 0;
};

/// What the checker looks at. The states are borrowed for the call.
struct shop_view {
  const order_state& orders;
  const payment_state& payments;
  const inventory_state& inventory;
  const notification_state& notifications;
  /// Orders placed (checkouts published).
  uint64_t orders_placed = 0;
  /// Per topic: events published vs the topic's end offset.
  std::map<std::string, topic_count> topics;
};

struct invariant_result {
  std::string name;
  bool passed = false;
  /// Numbers behind the verdict, and the first offender on failure.
  std::string detail;
};

/// Checks every invariant above, in that order.
std::vector<invariant_result> check_invariants(const shop_view& view);

/// Whether every result passed.
bool all_passed(const std::vector<invariant_result>& results);

} // namespace actorbus::shop
