#pragma once

// The parameters of one shop simulation run. shop-sim fills them from
// configs/single-node.ini and the command line; every field has a default.

#include <chrono>
#include <cstdint>

#include "caf/error.hpp"

namespace actorbus::shop {

struct sim_params {
  /// Number of simulated customers.
  uint32_t customers = 100;
  /// Orders (checkouts) each customer places.
  uint32_t orders_per_customer = 200;
  /// Number of distinct skus in the catalogue.
  uint32_t catalogue_size = 50;
  /// Units of every sku in stock at the start.
  int64_t initial_stock = 1500;
  /// Fraction of charges the simulated gateway declines, in [0, 1].
  double decline_rate = 0.05;
  /// Orders per second the customers aim for; 0 = as fast as possible.
  uint32_t target_rate = 0;
  /// Seed of every random decision (customers and gateway).
  uint64_t seed = 7;
  /// Mean latency of one gateway charge (actual: 0.5x to 1.5x, per order).
  std::chrono::microseconds gateway_latency{0};
  /// Distinct skus put into one cart: 1 to this many.
  uint32_t max_lines_per_cart = 3;
  /// Units per add: 1 to this many.
  int32_t max_qty_per_line = 3;
  /// Probability that a customer removes a line again before checking out.
  double remove_rate = 0.1;

  /// customers * orders_per_customer.
  uint64_t total_orders() const noexcept {
    return uint64_t{customers} * orders_per_customer;
  }
};

/// Returns `errc::invalid_config` naming the first field out of range:
/// customers, orders_per_customer, catalogue_size, max_lines_per_cart and
/// max_qty_per_line >= 1; max_lines_per_cart <= catalogue_size; initial_stock
/// >= 0; decline_rate and remove_rate in [0, 1]; gateway_latency >= 0.
caf::error validate(const sim_params& params);

/// When, measured from the start of the run, the customers should place order
/// number `orders_placed` to hold `target_rate`; zero when the rate is 0
/// (unpaced). A driver places orders while `now - start >= pacing_offset`.
std::chrono::nanoseconds pacing_offset(const sim_params& params,
                                       uint64_t orders_placed);

} // namespace actorbus::shop
