#include "runtime/shop/shop_summary.hpp"

#include <cstdio>

#include <boost/json.hpp>

namespace actorbus::shop {

namespace {

double seconds(std::chrono::nanoseconds d) {
  return std::chrono::duration<double>(d).count();
}

double millis(std::chrono::nanoseconds d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// Appends one "  label ....... value" row.
void row(std::string& out, const std::string& label, const std::string& value) {
  char buf[256];
  std::snprintf(buf, sizeof(buf), "  %-34s %14s\n", label.c_str(),
                value.c_str());
  out += buf;
}

std::string num(uint64_t x) {
  return std::to_string(x);
}

std::string fixed(double x, const char* unit) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.1f%s", x, unit);
  return buf;
}

} // namespace

uint64_t shop_summary::total_events() const noexcept {
  uint64_t result = 0;
  for (const auto& [topic, n] : events_per_topic)
    result += n;
  return result;
}

double shop_summary::orders_per_second() const noexcept {
  auto s = seconds(elapsed);
  if (s <= 0.0)
    return 0.0;
  uint64_t done = 0;
  for (const auto& [outcome, n] : orders_by_outcome)
    if (outcome != "open")
      done += n;
  return static_cast<double>(done) / s;
}

double shop_summary::events_per_second() const noexcept {
  auto s = seconds(elapsed);
  return s > 0.0 ? static_cast<double>(total_events()) / s : 0.0;
}

shop_summary summarize(const order_state& orders, uint64_t orders_placed,
                       const latency_recorder& latencies) {
  shop_summary result;
  result.orders_placed = orders_placed;
  for (const auto& [id, o] : orders.orders()) {
    if (o.status == order_status::confirmed)
      ++result.orders_by_outcome["confirmed"];
    else if (o.status == order_status::cancelled && o.reason)
      ++result.orders_by_outcome["cancelled/" + to_string(*o.reason)];
    else
      ++result.orders_by_outcome["open"];
  }
  result.latency_p50 = latencies.percentile(0.50);
  result.latency_p99 = latencies.percentile(0.99);
  return result;
}

std::string render_table(const shop_summary& s) {
  std::string out = "orders\n";
  row(out, "placed", num(s.orders_placed));
  for (const auto& [outcome, n] : s.orders_by_outcome)
    row(out, outcome, num(n));
  out += "events per topic\n";
  for (const auto& [topic, n] : s.events_per_topic)
    row(out, topic, num(n));
  row(out, "total", num(s.total_events()));
  out += "throughput\n";
  row(out, "elapsed", fixed(seconds(s.elapsed), " s"));
  row(out, "orders/s", fixed(s.orders_per_second(), ""));
  row(out, "events/s", fixed(s.events_per_second(), ""));
  out += "order completion latency\n";
  row(out, "p50", fixed(millis(s.latency_p50), " ms"));
  row(out, "p99", fixed(millis(s.latency_p99), " ms"));
  out += "kills / restarts per service\n";
  for (const auto& [service, r] : s.restarts)
    row(out, service, num(r.kills) + " / " + num(r.restarts));
  out += "invariants\n";
  for (const auto& inv : s.invariants)
    out += std::string{"  "} + (inv.passed ? "PASS " : "FAIL ") + inv.name
           + " (" + inv.detail + ")\n";
  return out;
}

boost::json::value to_json(const shop_summary& s) {
  boost::json::object orders{{"placed", s.orders_placed}};
  for (const auto& [outcome, n] : s.orders_by_outcome)
    orders[outcome] = n;
  boost::json::object topics;
  for (const auto& [topic, n] : s.events_per_topic)
    topics[topic] = n;
  boost::json::object restarts;
  for (const auto& [service, r] : s.restarts)
    restarts[service] = {{"kills", r.kills}, {"restarts", r.restarts}};
  boost::json::array invariants;
  for (const auto& inv : s.invariants)
    invariants.push_back(
      {{"name", inv.name}, {"passed", inv.passed}, {"detail", inv.detail}});
  bool passed = !s.invariants.empty() && all_passed(s.invariants);
  return {{"orders", std::move(orders)},
          {"events_per_topic", std::move(topics)},
          {"events_total", s.total_events()},
          {"elapsed_s", seconds(s.elapsed)},
          {"throughput",
           {{"orders_per_s", s.orders_per_second()},
            {"events_per_s", s.events_per_second()}}},
          {"latency_ms",
           {{"p50", millis(s.latency_p50)}, {"p99", millis(s.latency_p99)}}},
          {"restarts", std::move(restarts)},
          {"invariants", std::move(invariants)},
          {"passed", passed}};
}

} // namespace actorbus::shop
