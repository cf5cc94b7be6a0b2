#pragma once

// Inventory: reserves stock for paid orders, all lines or nothing, and puts
// the reservation of a cancelled order back (compensation). Stock never goes
// negative: a reservation is only decided when every line is available.
// Pure state: handlers return the event to publish, never send.
//
// Consumes `orders`: order_paid (reserve), order_cancelled (release if
// reserved); ignores the other types. Emits to `inventory`: stock_reserved or
// out_of_stock, and stock_released.
//
// Idempotent by order id: one decision per order, one release per
// reservation. order_paid precedes order_cancelled in the same partition of
// `orders`, so ignoring a cancellation without reservation is final.
//
// Stock accounting, per sku: initial = available + sold, where sold is the sum
// of the reservations not released. `lowest_available` is the lowest level a
// reservation left behind, as recorded in stock_reserved::remaining when it
// was decided; it does not depend on the order of a replay (levels summed
// while replaying partitions in another order than they were written could
// dip below zero without the live stock ever doing so).
//
// Rebuild after a kill: construct with the same catalogue, then
// `apply_own(event, causation_id)` for every event of topic `inventory`.
// apply_own counts, it does not deduplicate: a duplicated stock_reserved in
// the log shows up as a broken stock equation.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "runtime/shop/catalogue.hpp"
#include "runtime/shop/outgoing.hpp"
#include "runtime/shop/processed_inbox.hpp"

namespace actorbus::shop {

class inventory_state {
public:
  struct stock {
    int64_t initial = 0;
    int64_t available = 0;
    int64_t lowest_available = 0;

    friend bool operator==(const stock& x, const stock& y);
  };

  enum class outcome : uint8_t { reserved, out_of_stock, released };

  struct decision {
    outcome what = outcome::reserved;
    std::vector<line_item> items;
    uint32_t reservations = 0;
    uint32_t releases = 0;

    friend bool operator==(const decision& x, const decision& y);
  };

  explicit inventory_state(const catalogue& cat);

  std::optional<outgoing> handle(const order_paid& ev, const std::string& id);
  std::optional<outgoing> handle(const order_cancelled& ev,
                                 const std::string& id);

  /// Dispatches to the handler of the event's type; ignores other types.
  std::optional<outgoing> handle(const shop_event& ev, const std::string& id);

  /// Applies one of Inventory's own events and records its cause.
  void apply_own(const shop_event& own, const std::string& causation_id);

  const std::map<std::string, stock>& stocks() const noexcept {
    return stocks_;
  }

  /// Units of each sku held by reservations that were not released.
  std::map<std::string, int64_t> sold() const;

  /// The decision taken for `order_id`, or nullptr.
  const decision* find(const std::string& order_id) const;

  const processed_inbox& inbox() const noexcept { return inbox_; }

  friend bool operator==(const inventory_state& x, const inventory_state& y) {
    return x.stocks_ == y.stocks_ && x.decisions_ == y.decisions_
           && x.inbox_ == y.inbox_;
  }

private:
  void adjust(const std::vector<line_item>& items, int64_t sign);

  std::map<std::string, stock> stocks_;
  boost::unordered_flat_map<std::string, decision> decisions_;
  processed_inbox inbox_;
};

} // namespace actorbus::shop
