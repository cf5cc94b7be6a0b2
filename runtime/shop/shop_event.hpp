#pragma once

// `shop_event`: any one shop event, plus what every layer needs to route it:
// its topic, its partition key (the order id) and its type name.

#include <string>
#include <variant>

#include <boost/json/value.hpp>

#include "runtime/shop/shop_events.hpp"

namespace actorbus::shop {

using shop_event = std::variant<
  add_to_cart, remove_from_cart, check_out, cart_item_added, cart_item_removed,
  checkout_requested, order_created, order_paid, order_confirmed,
  order_cancelled, payment_authorized, payment_declined, payment_refunded,
  stock_reserved, out_of_stock, stock_released, notification_sent>;

/// The topic the event is published to (its type's `topic`).
const char* topic_of(const shop_event& ev) noexcept;

/// The event's type name, e.g. "shop::order_created".
const char* type_name_of(const shop_event& ev) noexcept;

/// The order the event belongs to; also its partition key.
const std::string& order_id_of(const shop_event& ev) noexcept;

/// `{"type": "shop::order_created", "event": {...fields...}}`.
boost::json::value to_json(const shop_event& ev);

} // namespace actorbus::shop
