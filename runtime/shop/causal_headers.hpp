#pragma once

// The two headers every shop event carries, so that effects are idempotent by
// order id and a service's inbox can be rebuilt from its own output:
//   correlation id = the order id (the whole saga of one order shares it),
//   causation id   = the event id of the input event that caused this one.
// Events published by the customer generator have no cause: their causation
// id is empty.

#include <string>
#include <utility>
#include <vector>

namespace actorbus::shop {

/// Header keys used on the broker's envelope.
constexpr const char* correlation_id_key = "correlation-id";
constexpr const char* causation_id_key = "causation-id";

struct causal_headers {
  std::string correlation_id;
  std::string causation_id;

  /// As key/value pairs for an envelope's header list.
  std::vector<std::pair<std::string, std::string>> to_pairs() const;

  friend bool operator==(const causal_headers& x, const causal_headers& y) {
    return x.correlation_id == y.correlation_id
           && x.causation_id == y.causation_id;
  }
};

/// The headers to attach to an event of `order_id` caused by the event with
/// id `cause_event_id` (empty for events without a cause).
causal_headers headers_for(std::string order_id, std::string cause_event_id);

/// Reads the two headers back from key/value pairs; missing keys stay empty.
causal_headers
headers_from(const std::vector<std::pair<std::string, std::string>>& pairs);

} // namespace actorbus::shop
