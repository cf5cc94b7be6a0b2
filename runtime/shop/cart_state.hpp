#pragma once

// Cart: keeps the open carts of the customers and turns a checkout into the
// order request. Pure state: handlers return the event to publish, never send.
//
// Consumes `cart-commands` (add_to_cart, remove_from_cart, check_out).
// Emits to `carts`: cart_item_added, cart_item_removed, checkout_requested.
//
// Idempotent by event id (inbox) and, for sequenced commands, by order id and
// step: a command whose step is not above the cart's last applied step was
// applied already (or overtaken) and is ignored.
//
// Every command for an open cart emits exactly one event, even when it
// changes nothing (removing an absent sku emits a removal of 0 units, an
// empty cart checks out with no items and Order cancels it), so that the
// outcome of every command is in the log and a redelivered command can never
// be re-decided against a cart that changed since. Commands for a cart already
// checked out, for an unknown sku, with qty < 1 or with a stale step are
// ignored: later commands cannot change that outcome.
//
// Rebuild after a kill: construct with the same catalogue, then call
// `apply_own(event, causation_id)` for every event of topic `carts`
// (partitions in any order; per partition in offset order).

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <boost/unordered/unordered_flat_map.hpp>

#include "runtime/shop/catalogue.hpp"
#include "runtime/shop/outgoing.hpp"
#include "runtime/shop/processed_inbox.hpp"

namespace actorbus::shop {

class cart_state {
public:
  struct cart {
    std::string customer;
    /// Lines by sku; emptied at checkout.
    std::map<std::string, line_item> lines;
    bool checked_out = false;
    /// Highest command step applied (0: none or unsequenced only).
    uint32_t last_step = 0;

    friend bool operator==(const cart& x, const cart& y);
  };

  explicit cart_state(catalogue cat);

  std::optional<outgoing> handle(const add_to_cart& cmd, const std::string& id);
  std::optional<outgoing> handle(const remove_from_cart& cmd,
                                 const std::string& id);
  std::optional<outgoing> handle(const check_out& cmd, const std::string& id);

  /// Dispatches to the handler of the event's type; ignores other types.
  std::optional<outgoing> handle(const shop_event& ev, const std::string& id);

  /// Applies one of Cart's own events and records its cause in the inbox.
  void apply_own(const shop_event& own, const std::string& causation_id);

  /// The cart `order_id`, or nullptr.
  const cart* find(const std::string& order_id) const;

  uint64_t checkouts() const noexcept { return checkouts_; }

  const processed_inbox& inbox() const noexcept { return inbox_; }

  friend bool operator==(const cart_state& x, const cart_state& y);

private:
  cart* open_cart(const std::string& order_id);

  /// Whether a command of `order_id` with `step` must be ignored: the cart
  /// is checked out or the step is not above its last applied step.
  bool stale(const std::string& order_id, uint32_t step) const;

  catalogue catalogue_;
  boost::unordered_flat_map<std::string, cart> carts_;
  uint64_t checkouts_ = 0;
  processed_inbox inbox_;
};

} // namespace actorbus::shop
