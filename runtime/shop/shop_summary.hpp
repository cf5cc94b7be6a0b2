#pragma once

// The end-of-run summary of shop-sim: orders by outcome, events per topic,
// throughput, p50/p99 order completion latency, kills and restarts per
// service, and the invariant verdicts. `render_table` is what the terminal
// shows; `to_json` is the content of `--report FILE` (same numbers).

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "runtime/shop/invariants.hpp"
#include "runtime/shop/latency_recorder.hpp"
#include "runtime/shop/order_state.hpp"

namespace actorbus::shop {

struct service_restarts {
  /// Kills injected by chaos or an operator.
  uint64_t kills = 0;
  /// Restarts performed by the supervisor (kills, crashes, ...).
  uint64_t restarts = 0;
};

struct shop_summary {
  uint64_t orders_placed = 0;
  /// "confirmed", "cancelled/payment_declined", "cancelled/out_of_stock",
  /// "cancelled/empty_cart", "open" (not terminal).
  std::map<std::string, uint64_t> orders_by_outcome;
  std::map<std::string, uint64_t> events_per_topic;
  std::chrono::nanoseconds elapsed{0};
  std::chrono::nanoseconds latency_p50{0};
  std::chrono::nanoseconds latency_p99{0};
  /// By service name: "cart", "order", "payment", "inventory", "notification".
  std::map<std::string, service_restarts> restarts;
  std::vector<invariant_result> invariants;

  uint64_t total_events() const noexcept;
  /// Terminal orders per second of `elapsed` (0 if elapsed is 0).
  double orders_per_second() const noexcept;
  double events_per_second() const noexcept;
};

/// Fills orders_by_outcome from the Order state and the latencies from the
/// recorder; the caller sets the rest.
shop_summary summarize(const order_state& orders, uint64_t orders_placed,
                       const latency_recorder& latencies);

/// A plain-text table, one section per topic of the summary, invariants last
/// as PASS/FAIL lines. Ends with a newline.
std::string render_table(const shop_summary& summary);

/// The JSON report: {"orders": {...}, "events_per_topic": {...},
/// "elapsed_s", "throughput": {...}, "latency_ms": {"p50", "p99"},
/// "restarts": {...}, "invariants": [{"name", "passed", "detail"}],
/// "passed": bool}.
boost::json::value to_json(const shop_summary& summary);

} // namespace actorbus::shop
