#pragma once

#include <string>
#include <vector>

#include "caf/expected.hpp"
#include "caf/timespan.hpp"

#include "runtime/config/node_config.hpp"
#include "runtime/shop/sim_params.hpp"

namespace actorbus::shop {

/// The [shop] section of shop-sim: the simulation and its chaos. On the
/// command line the keys need no section (`--orders 20000 --seed 7`).
struct sim_options {
  int64_t orders = 2000;
  int64_t customers = 100;
  int64_t catalogue_size = 50;
  int64_t initial_stock = 400;
  double decline_rate = 0.05;
  int64_t target_rate = 0;
  /// The customers wait while this many orders are placed but not yet
  /// confirmed or cancelled (back-pressure, as a shop's checkout capacity);
  /// 0 = never wait.
  int64_t max_open_orders = 500;
  int64_t seed = 7;
  caf::timespan gateway_latency = std::chrono::microseconds{0};
  /// Services to kill with exit_reason::kill while the run goes on, comma
  /// separated ("payment,inventory"); empty: none.
  std::string chaos_kill;
  caf::timespan chaos_every = std::chrono::milliseconds{300};
  /// Probability that a service handler throws.
  double chaos_crash_rate = 0.0;
  /// Write the summary as JSON to this file.
  std::string report;
  /// Continue an existing data dir instead of starting fresh.
  bool resume = false;
  /// Give up waiting for the last orders after this long.
  caf::timespan deadline = std::chrono::seconds{120};
  /// Progress line period (plain lines when stdout is not a terminal).
  caf::timespan progress_every = std::chrono::seconds{1};
};

/// Declares the [shop] options on `cfg`, bound to `opts`.
void declare_sim_options(node_config& cfg, sim_options& opts);

/// The simulation parameters: customers place orders / customers orders each
/// (rounded up; the driver stops after `orders` checkouts).
caf::expected<sim_params> to_params(const sim_options& opts);

/// Splits `chaos_kill` at commas and checks that each is a service name.
caf::expected<std::vector<std::string>> chaos_targets(const sim_options& opts);

} // namespace actorbus::shop
