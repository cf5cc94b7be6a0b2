#pragma once

// Notification: sends exactly one notice per order, a confirmation or a
// cancellation, and records what was sent (the sink). Pure state: handlers
// return the event to publish, never send. The notice counts as sent once its
// notification_sent event is durable in `notifications`; the outbox below is
// that topic, folded.
//
// Consumes `orders`: order_confirmed, order_cancelled; ignores the other
// types. Emits to `notifications`: notification_sent. An order that already
// got its notice gets no second one (terminal orders never change, so this is
// final).
//
// Rebuild after a kill: construct, then `apply_own(event, causation_id)` for
// every event of topic `notifications`. apply_own counts, it does not
// deduplicate: a duplicated notice in the log shows as sent(order) == 2.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "runtime/shop/outgoing.hpp"
#include "runtime/shop/processed_inbox.hpp"

namespace actorbus::shop {

class notification_state {
public:
  std::optional<outgoing> handle(const order_confirmed& ev,
                                 const std::string& id);
  std::optional<outgoing> handle(const order_cancelled& ev,
                                 const std::string& id);

  /// Dispatches to the handler of the event's type; ignores other types.
  std::optional<outgoing> handle(const shop_event& ev, const std::string& id);

  /// Applies one of Notification's own events and records its cause.
  void apply_own(const shop_event& own, const std::string& causation_id);

  /// How many notices `order_id` got.
  uint32_t sent(const std::string& order_id) const;

  /// Every notice sent, in the order they were applied.
  const std::vector<notification_sent>& outbox() const noexcept {
    return outbox_;
  }

  const processed_inbox& inbox() const noexcept { return inbox_; }

  friend bool operator==(const notification_state& x,
                         const notification_state& y);

private:
  std::optional<outgoing> notify(const std::string& order_id,
                                 const std::string& customer, notice_kind kind,
                                 std::string text, const std::string& id);

  boost::unordered_flat_map<std::string, uint32_t> sent_;
  std::vector<notification_sent> outbox_;
  processed_inbox inbox_;
};

} // namespace actorbus::shop
