#pragma once

// How the five shop services talk: only through events, each service writing
// exactly one topic (so it rebuilds by replaying that topic) and consuming the
// topics below. Every event is keyed by its order id, so all events of one
// order are in one partition of each topic, in the order they were written.
//
//   topic          written by           consumed by (event types used)
//   -------------  -------------------  --------------------------------------
//   cart-commands  customer generator   Cart (add_to_cart, remove_from_cart,
//                                         check_out)
//   carts          Cart                 Order (checkout_requested)
//   orders         Order                Payment (order_created,
//                                         order_cancelled)
//                                       Inventory (order_paid, order_cancelled)
//                                       Notification (order_confirmed,
//                                         order_cancelled)
//   payments       Payment              Order (payment_authorized,
//                                         payment_declined)
//   inventory      Inventory            Order (stock_reserved, out_of_stock)
//   notifications  Notification         nobody (the sink; invariants read it)
//
// Each service is its own consumer group (group name = service name), so
// every service sees every event of the topics it consumes, of the types in
// parentheses: the group's type filter (`types_taken`), so the broker passes
// over the other types without delivering them (a type that arrives anyway,
// e.g. from an older group, is acked without effect).
//
// The saga of one order (-> = an event on a topic, consumed by the next line):
//
//   customer: add_to_cart.. [remove_from_cart] check_out   -> cart-commands
//   Cart:     cart_item_added.., checkout_requested         -> carts
//   Order:    order_created                                 -> orders
//   Payment:  gateway charge
//     declined:   payment_declined                          -> payments
//                 Order: order_cancelled(payment_declined)  -> orders
//     authorized: payment_authorized                        -> payments
//                 Order: order_paid                         -> orders
//                 Inventory: reserve all lines or nothing
//                   out of stock: out_of_stock              -> inventory
//                     Order: order_cancelled(out_of_stock)  -> orders
//                     Payment: payment_refunded (compensation) -> payments
//                   reserved: stock_reserved                -> inventory
//                     Order: order_confirmed                -> orders
//   Notification: on order_confirmed / order_cancelled, once per order:
//                 notification_sent                         -> notifications
//
// Inventory reserves on Order's order_paid (not directly on
// payment_authorized): the request then travels in the same partition of
// `orders` as the order's later cancellation, so Inventory always sees paid
// before cancelled, and Order always knows an order is paid before
// stock_reserved can arrive. A checkout of an empty cart is cancelled at once
// (order_cancelled(empty_cart), no order_created, nothing charged).
//
// Wiring a service actor (per delivered event with id `event_id` and decoded
// payload `ev`): `auto out = state.handle(ev, event_id)`; if `out`, publish
// out->event to out->topic with key out->key and out->headers (after
// out->delay), and ack the input once that publish is durable; else ack at
// once. On (re)start: construct the state, call `state.apply_own(ev,
// causation_id)` for every event of `output_of(service)` (causation id from
// the event's headers), then join the consumer groups of `inputs_of(service)`.

#include <cstdint>
#include <string>
#include <vector>

namespace actorbus::shop {

enum class service_id : uint8_t {
  cart,
  order,
  payment,
  inventory,
  notification
};

constexpr service_id all_services[]
  = {service_id::cart, service_id::order, service_id::payment,
     service_id::inventory, service_id::notification};

/// "cart", "order", "payment", "inventory" or "notification"; also the
/// consumer group and the supervised child's name.
const char* name_of(service_id x) noexcept;

/// The one topic the service writes.
const char* output_of(service_id x) noexcept;

/// The topics the service consumes, as in the table above.
std::vector<std::string> inputs_of(service_id x);

/// The event types (events::type_filter names, e.g. "shop::order_paid")
/// that the service takes from its input `topic`, as in the table above;
/// empty for a topic it does not consume.
std::vector<std::string> types_taken(service_id x, const std::string& topic);

/// The services consuming `topic` (empty for notifications and unknown
/// topics).
std::vector<service_id> consumers_of(const std::string& topic);

} // namespace actorbus::shop
