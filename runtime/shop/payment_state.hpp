#pragma once

// Payment: charges each new order once through the simulated gateway and
// refunds the charge when the order is cancelled later (compensation).
// Pure state: handlers return the event to publish, never send.
//
// Consumes `orders`: order_created (charge), order_cancelled (refund if
// charged); ignores the other types. Emits to `payments`: payment_authorized
// or payment_declined (with `outgoing::delay` = the gateway's latency), and
// payment_refunded.
//
// Idempotent by order id: an order is charged at most once (a second
// order_created for it is ignored) and refunded at most once. order_created
// precedes order_cancelled in the same partition of `orders`, so ignoring a
// cancellation of an order never charged is final.
//
// Rebuild after a kill: construct with the same gateway, then
// `apply_own(event, causation_id)` for every event of topic `payments`.
// apply_own counts, it does not deduplicate: a state rebuilt from a log that
// holds two authorizations of one order reports charges() == 2, which is what
// the invariants check.

#include <cstdint>
#include <optional>
#include <string>

#include <boost/unordered/unordered_flat_map.hpp>

#include "runtime/shop/outgoing.hpp"
#include "runtime/shop/payment_gateway.hpp"
#include "runtime/shop/processed_inbox.hpp"

namespace actorbus::shop {

class payment_state {
public:
  struct payment {
    std::string customer;
    int64_t amount_cents = 0;
    uint32_t authorizations = 0;
    uint32_t declines = 0;
    uint32_t refunds = 0;

    friend bool operator==(const payment& x, const payment& y);
  };

  explicit payment_state(payment_gateway gateway);

  std::optional<outgoing> handle(const order_created& ev,
                                 const std::string& id);
  std::optional<outgoing> handle(const order_cancelled& ev,
                                 const std::string& id);

  /// Dispatches to the handler of the event's type; ignores other types.
  std::optional<outgoing> handle(const shop_event& ev, const std::string& id);

  /// Applies one of Payment's own events and records its cause in the inbox.
  void apply_own(const shop_event& own, const std::string& causation_id);

  /// The payment record of `order_id`, or nullptr.
  const payment* find(const std::string& order_id) const;

  const boost::unordered_flat_map<std::string, payment>&
  payments() const noexcept {
    return payments_;
  }

  const processed_inbox& inbox() const noexcept { return inbox_; }

  friend bool operator==(const payment_state& x, const payment_state& y) {
    return x.payments_ == y.payments_ && x.inbox_ == y.inbox_;
  }

private:
  payment_gateway gateway_;
  boost::unordered_flat_map<std::string, payment> payments_;
  processed_inbox inbox_;
};

} // namespace actorbus::shop
