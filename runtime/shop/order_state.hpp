#pragma once

// Order: creates orders from checkout requests and follows each order through
// the saga. Pure state: handlers return the event to publish, never send.
//
// Consumes `carts` (checkout_requested), `payments` (payment_authorized,
// payment_declined) and `inventory` (stock_reserved, out_of_stock); ignores
// every other type (refunds and releases are compensations it has caused).
// Emits to `orders`: order_created, order_paid, order_confirmed,
// order_cancelled.
//
// State machine of one order (input / emitted event):
//
//   checkout_requested / order_created
//            |
//            v        payment_declined / order_cancelled(payment_declined)
//       [created] ---------------------------------------> [cancelled]
//            |                                                  ^
//            | payment_authorized / order_paid                  |
//            v        out_of_stock / order_cancelled(out_of_stock)
//         [paid] -----------------------------------------------+
//            |                                                  |
//            | stock_reserved / order_confirmed                 |
//            v                                                  |
//      [confirmed]     checkout_requested with no items --------+
//                       / order_cancelled(empty_cart)
//
// "Stock reserved" is passed through in the same step: once Inventory reserved
// the stock nothing else is missing, so the order is confirmed at once.
// Inventory reserves only after order_paid, and order_paid is Order's own
// event, so stock_reserved/out_of_stock always find the order in [paid].
// Inputs that do not match the current state (duplicates by order id, events
// for terminal orders) are ignored; later inputs cannot change that outcome.
//
// Rebuild after a kill: construct, then `apply_own(event, causation_id)` for
// every event of topic `orders`.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "runtime/shop/outgoing.hpp"
#include "runtime/shop/processed_inbox.hpp"

namespace actorbus::shop {

enum class order_status : uint8_t { created, paid, confirmed, cancelled };

std::string to_string(order_status x);

class order_state {
public:
  struct order {
    std::string customer;
    std::vector<line_item> items;
    int64_t amount_cents = 0;
    order_status status = order_status::created;
    std::optional<cancel_reason> reason;

    bool terminal() const noexcept {
      return status == order_status::confirmed
             || status == order_status::cancelled;
    }

    friend bool operator==(const order& x, const order& y);
  };

  std::optional<outgoing> handle(const checkout_requested& ev,
                                 const std::string& id);
  std::optional<outgoing> handle(const payment_authorized& ev,
                                 const std::string& id);
  std::optional<outgoing> handle(const payment_declined& ev,
                                 const std::string& id);
  std::optional<outgoing> handle(const stock_reserved& ev,
                                 const std::string& id);
  std::optional<outgoing> handle(const out_of_stock& ev, const std::string& id);

  /// Dispatches to the handler of the event's type; ignores other types.
  std::optional<outgoing> handle(const shop_event& ev, const std::string& id);

  /// Applies one of Order's own events and records its cause in the inbox.
  void apply_own(const shop_event& own, const std::string& causation_id);

  /// The order `order_id`, or nullptr.
  const order* find(const std::string& order_id) const;

  const boost::unordered_flat_map<std::string, order>& orders() const noexcept {
    return orders_;
  }

  /// Number of orders in `status`.
  uint64_t count(order_status status) const noexcept;

  const processed_inbox& inbox() const noexcept { return inbox_; }

  friend bool operator==(const order_state& x, const order_state& y) {
    return x.orders_ == y.orders_ && x.inbox_ == y.inbox_;
  }

private:
  /// The order `order_id` if it is in `status`, else nullptr.
  order* in_status(const std::string& order_id, order_status status);

  std::optional<outgoing> cancel(const order& x, const std::string& order_id,
                                 cancel_reason reason, const std::string& id);

  boost::unordered_flat_map<std::string, order> orders_;
  processed_inbox inbox_;
};

} // namespace actorbus::shop
