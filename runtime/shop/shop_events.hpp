#pragma once

// The shop's events: plain structs, serialized with CAF's inspect() (binary
// payloads in the broker's envelope) and described with Boost.Describe so that
// `boost::json::value_from(ev)` prints any of them.
//
// Every event carries the `order_id` it belongs to. A cart's id IS the id of
// the order it becomes, so cart commands and cart events carry it as well.
// The order id is the partition key of every shop event: all events of one
// order land in the same partition of their topic, in order, and every effect
// is idempotent by order id. Which service emits and consumes which topic is
// documented in shop_flow.hpp; `topic` names the topic each type goes to, and
// `event_type` is the type's stable name stored in every envelope (the member
// the broker's events::event_type_name<T> reads). Encoding: shop_codec.hpp.

#include <cstdint>
#include <string>
#include <vector>

#include <boost/describe.hpp>

#include "caf/meta/type_name.hpp"
#include "runtime/shop/shop_topics.hpp"

namespace actorbus::shop {

/// One line of a cart or order: `qty` units of `sku` at a unit price.
struct line_item {
  std::string sku;
  int32_t qty = 0;
  int64_t unit_price_cents = 0;

  friend bool operator==(const line_item& x, const line_item& y) {
    return x.sku == y.sku && x.qty == y.qty
           && x.unit_price_cents == y.unit_price_cents;
  }
};

/// Why an order was cancelled.
enum class cancel_reason : uint8_t {
  payment_declined,
  out_of_stock,
  empty_cart
};

/// Which notice a customer got.
enum class notice_kind : uint8_t { confirmation, cancellation };

std::string to_string(cancel_reason x);
std::string to_string(notice_kind x);

BOOST_DESCRIBE_STRUCT(line_item, (), (sku, qty, unit_price_cents))
BOOST_DESCRIBE_ENUM(cancel_reason, payment_declined, out_of_stock, empty_cart)
BOOST_DESCRIBE_ENUM(notice_kind, confirmation, cancellation)

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, line_item& x) {
  return f(caf::meta::type_name("shop::line_item"), x.sku, x.qty,
           x.unit_price_cents);
}

template <class Inspector, class T, template <class...> class L, class... Ds>
typename Inspector::result_type inspect_members(Inspector& f, const char* name,
                                                T& x, L<Ds...>) {
  return f(caf::meta::type_name(name), (x.*Ds::pointer)...);
}

// Serializes every described member in declaration order.
template <class Inspector, class T>
typename Inspector::result_type inspect_fields(Inspector& f, const char* name,
                                               T& x) {
  using members
    = boost::describe::describe_members<T, boost::describe::mod_public>;
  return inspect_members(f, name, x, members{});
}

// Declares an event struct's inspect() and Boost.Describe entry in one go.
#define ACTORBUS_SHOP_EVENT(type, ...)                                         \
  BOOST_DESCRIBE_STRUCT(type, (), (__VA_ARGS__))                               \
  template <class Inspector>                                                   \
  typename Inspector::result_type inspect(Inspector& f, type& x) {             \
    return inspect_fields(f, type::event_type, x);                             \
  }

// -- topic `cart-commands`: what simulated customers ask for (by the generator)

/// Put `qty` units of `sku` into the cart `order_id`.
struct add_to_cart {
  static constexpr const char* event_type = "shop::add_to_cart";
  static constexpr const char* topic = topics::cart_commands;
  std::string order_id;
  std::string customer;
  std::string sku;
  int32_t qty = 0; /// Position in the cart's script, from 1 (see check_out); 0
                   /// = unsequenced.
  uint32_t step = 0;
};

/// Take up to `qty` units of `sku` out of the cart `order_id`.
struct remove_from_cart {
  static constexpr const char* event_type = "shop::remove_from_cart";
  static constexpr const char* topic = topics::cart_commands;
  std::string order_id;
  std::string customer;
  std::string sku;
  int32_t qty = 0; /// Position in the cart's script, from 1 (see check_out); 0
                   /// = unsequenced.
  uint32_t step = 0;
};

/// Check the cart `order_id` out: it becomes the order `order_id`.
///
/// `step` numbers the commands of one cart 1, 2, 3, ... so that Cart applies
/// each at most once by order id, even when a producer publishes it again
/// under a new event id (e.g. a resumed customer generator); Cart ignores a
/// command whose step is not above the cart's last applied step. Step 0 means
/// unsequenced: such commands are deduplicated by event id only.
struct check_out {
  static constexpr const char* event_type = "shop::check_out";
  static constexpr const char* topic = topics::cart_commands;
  std::string order_id;
  std::string customer;
  uint32_t step = 0;
};

// -- topic `carts`: emitted by Cart ------------------------------------------

struct cart_item_added {
  static constexpr const char* event_type = "shop::cart_item_added";
  static constexpr const char* topic = topics::carts;
  std::string order_id;
  std::string customer;
  line_item item;
  /// The step of the command that caused it (0: unsequenced).
  uint32_t step = 0;
};

/// `qty` is what was actually removed (0 when the sku was not in the cart).
struct cart_item_removed {
  static constexpr const char* event_type = "shop::cart_item_removed";
  static constexpr const char* topic = topics::carts;
  std::string order_id;
  std::string customer;
  std::string sku;
  int32_t qty = 0; /// The step of the command that caused it (0: unsequenced).
  uint32_t step = 0;
};

/// The cart became an order request (cart → order). `items` may be empty.
struct checkout_requested {
  static constexpr const char* event_type = "shop::checkout_requested";
  static constexpr const char* topic = topics::carts;
  std::string order_id;
  std::string customer;
  std::vector<line_item> items;
};

// -- topic `orders`: emitted by Order ----------------------------------------

struct order_created {
  static constexpr const char* event_type = "shop::order_created";
  static constexpr const char* topic = topics::orders;
  std::string order_id;
  std::string customer;
  std::vector<line_item> items;
  int64_t amount_cents = 0;
};

/// The order's payment was authorized; asks Inventory to reserve `items`.
struct order_paid {
  static constexpr const char* event_type = "shop::order_paid";
  static constexpr const char* topic = topics::orders;
  std::string order_id;
  std::string customer;
  std::vector<line_item> items;
};

struct order_confirmed {
  static constexpr const char* event_type = "shop::order_confirmed";
  static constexpr const char* topic = topics::orders;
  std::string order_id;
  std::string customer;
  int64_t amount_cents = 0;
};

struct order_cancelled {
  static constexpr const char* event_type = "shop::order_cancelled";
  static constexpr const char* topic = topics::orders;
  std::string order_id;
  std::string customer;
  cancel_reason reason = cancel_reason::payment_declined;
};

// -- topic `payments`: emitted by Payment ------------------------------------

struct payment_authorized {
  static constexpr const char* event_type = "shop::payment_authorized";
  static constexpr const char* topic = topics::payments;
  std::string order_id;
  std::string customer;
  int64_t amount_cents = 0;
};

struct payment_declined {
  static constexpr const char* event_type = "shop::payment_declined";
  static constexpr const char* topic = topics::payments;
  std::string order_id;
  std::string customer;
  int64_t amount_cents = 0;
  std::string reason;
};

/// Compensation: the charge of a cancelled order was given back.
struct payment_refunded {
  static constexpr const char* event_type = "shop::payment_refunded";
  static constexpr const char* topic = topics::payments;
  std::string order_id;
  std::string customer;
  int64_t amount_cents = 0;
};

// -- topic `inventory`: emitted by Inventory ---------------------------------

/// `remaining[i]`: units of `items[i].sku` left right after this reservation,
/// as Inventory saw it when deciding (so "never negative" can be checked from
/// the log in any replay order).
struct stock_reserved {
  static constexpr const char* event_type = "shop::stock_reserved";
  static constexpr const char* topic = topics::inventory;
  std::string order_id;
  std::vector<line_item> items;
  std::vector<int64_t> remaining;
};

/// Nothing was reserved: `sku` had only `available` of `requested` units.
struct out_of_stock {
  static constexpr const char* event_type = "shop::out_of_stock";
  static constexpr const char* topic = topics::inventory;
  std::string order_id;
  std::string sku;
  int32_t requested = 0;
  int64_t available = 0;
};

/// Compensation: the reservation of a cancelled order went back to stock.
struct stock_released {
  static constexpr const char* event_type = "shop::stock_released";
  static constexpr const char* topic = topics::inventory;
  std::string order_id;
  std::vector<line_item> items;
};

// -- topic `notifications`: emitted by Notification --------------------------

struct notification_sent {
  static constexpr const char* event_type = "shop::notification_sent";
  static constexpr const char* topic = topics::notifications;
  std::string order_id;
  std::string customer;
  notice_kind kind = notice_kind::confirmation;
  std::string text;
};

ACTORBUS_SHOP_EVENT(add_to_cart, order_id, customer, sku, qty, step)
ACTORBUS_SHOP_EVENT(remove_from_cart, order_id, customer, sku, qty, step)
ACTORBUS_SHOP_EVENT(check_out, order_id, customer, step)
ACTORBUS_SHOP_EVENT(cart_item_added, order_id, customer, item, step)
ACTORBUS_SHOP_EVENT(cart_item_removed, order_id, customer, sku, qty, step)
ACTORBUS_SHOP_EVENT(checkout_requested, order_id, customer, items)
ACTORBUS_SHOP_EVENT(order_created, order_id, customer, items, amount_cents)
ACTORBUS_SHOP_EVENT(order_paid, order_id, customer, items)
ACTORBUS_SHOP_EVENT(order_confirmed, order_id, customer, amount_cents)
ACTORBUS_SHOP_EVENT(order_cancelled, order_id, customer, reason)
ACTORBUS_SHOP_EVENT(payment_authorized, order_id, customer, amount_cents)
ACTORBUS_SHOP_EVENT(payment_declined, order_id, customer, amount_cents, reason)
ACTORBUS_SHOP_EVENT(payment_refunded, order_id, customer, amount_cents)
ACTORBUS_SHOP_EVENT(stock_reserved, order_id, items, remaining)
ACTORBUS_SHOP_EVENT(out_of_stock, order_id, sku, requested, available)
ACTORBUS_SHOP_EVENT(stock_released, order_id, items)
ACTORBUS_SHOP_EVENT(notification_sent, order_id, customer, kind, text)

#undef ACTORBUS_SHOP_EVENT

} // namespace actorbus::shop
