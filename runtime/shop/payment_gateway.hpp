#pragma once

// A simulated card gateway. Each decision is a pure function of (seed, order
// id): a std::mt19937_64 seeded with seed XOR CRC-32(order id) draws whether
// the charge is declined (probability `decline_rate`) and its latency (0.5x
// to 1.5x `mean_latency`). The same order gets the same answer after any
// restart, on any node, which keeps a redelivered OrderCreated idempotent.

#include <chrono>
#include <cstdint>
#include <string>

#include "runtime/shop/sim_params.hpp"

namespace actorbus::shop {

struct gateway_decision {
  bool approved = false;
  /// Empty when approved, e.g. "insufficient_funds" otherwise.
  std::string decline_reason;
  std::chrono::microseconds latency{0};
};

class payment_gateway {
public:
  payment_gateway(uint64_t seed, double decline_rate,
                  std::chrono::microseconds mean_latency);

  explicit payment_gateway(const sim_params& params)
    : payment_gateway(params.seed, params.decline_rate,
                      params.gateway_latency) {}

  /// Decides the charge of `amount_cents` for `order_id`.
  gateway_decision charge(const std::string& order_id,
                          int64_t amount_cents) const;

private:
  uint64_t seed_;
  double decline_rate_;
  std::chrono::microseconds mean_latency_;
};

} // namespace actorbus::shop
