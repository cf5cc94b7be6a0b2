#pragma once

// The inbox of a service: the ids of the input events whose effect is already
// in the service's state. A redelivered event whose id is here is skipped, so
// every effect is applied exactly once.
//
// Contract: an id enters the inbox only together with the service's own event
// that it caused (`record` is called from `apply_own`), which is why the inbox
// can be rebuilt from the causation ids of the service's own topic. An input
// that changes nothing (a duplicate order id, an event for an order already
// terminal) is not recorded; handling it again is again a no-op, because each
// service only ignores inputs whose outcome later inputs cannot change.
//
// Memory: one id (16 bytes for the usual id text) per state-changing input
// (a few per order), kept for the lifetime of the state.

#include <cstdint>
#include <string>

#include "runtime/events/event_id_set.hpp"

namespace actorbus::shop {

class processed_inbox {
public:
  /// Returns whether `event_id` was processed; counts the hit as a
  /// redelivery. An empty id (no cause) is never seen.
  bool seen(const std::string& event_id);

  /// Whether `event_id` was processed, without counting.
  bool contains(const std::string& event_id) const;

  /// Marks `event_id` as processed. Empty ids are ignored.
  void record(const std::string& event_id);

  size_t size() const noexcept { return ids_.size(); }

  /// How many redelivered events `seen` recognised since construction.
  uint64_t redeliveries() const noexcept { return redeliveries_; }

  friend bool operator==(const processed_inbox& x, const processed_inbox& y) {
    return x.ids_ == y.ids_;
  }

private:
  events::event_id_set ids_;
  uint64_t redeliveries_ = 0;
};

} // namespace actorbus::shop
