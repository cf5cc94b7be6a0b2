#pragma once

// Topic names of the shop. Each topic has exactly one writer (see
// shop_flow.hpp), so a service rebuilds its state by replaying its own topic.

namespace actorbus::shop::topics {

/// Customer commands (add, remove, check out); written by the customer
/// generator, consumed by Cart.
constexpr const char* cart_commands = "cart-commands";

/// Cart events (item added/removed, checkout requested); written by Cart.
constexpr const char* carts = "carts";

/// Order events (created, paid, confirmed, cancelled); written by Order.
constexpr const char* orders = "orders";

/// Payment events (authorized, declined, refunded); written by Payment.
constexpr const char* payments = "payments";

/// Inventory events (reserved, out of stock, released); written by Inventory.
constexpr const char* inventory = "inventory";

/// Notices sent to customers; written by Notification, consumed by nobody
/// (the sink; the invariants read it).
constexpr const char* notifications = "notifications";

/// All shop topics, in saga order.
constexpr const char* all[]
  = {cart_commands, carts, orders, payments, inventory, notifications};

} // namespace actorbus::shop::topics
