#include "runtime/shop/shop_summary.hpp"

#include <gtest/gtest.h>

#include "runtime/shop/latency_recorder.hpp"
#include "runtime/shop/progress_line.hpp"

using namespace actorbus::shop;
using namespace std::chrono_literals;

TEST(LatencyRecorder, NearestRankPercentiles) {
  latency_recorder rec;
  EXPECT_EQ(rec.percentile(0.5), 0ns);
  for (int i = 100; i >= 1; --i)
    rec.record(std::chrono::milliseconds{i});
  EXPECT_EQ(rec.percentile(0.5), 50ms);
  EXPECT_EQ(rec.percentile(0.99), 99ms);
  EXPECT_EQ(rec.percentile(1.0), 100ms);
  EXPECT_EQ(rec.percentile(0.0), 1ms);
}

TEST(LatencyRecorder, StartFinishPairsByOrderId) {
  latency_recorder rec;
  latency_recorder::time_point t0{};
  rec.start("o1", t0);
  rec.start("o1", t0 + 5ms); // ignored
  rec.start("o2", t0 + 1ms);
  EXPECT_TRUE(rec.finish("o1", t0 + 10ms));
  EXPECT_FALSE(rec.finish("o1", t0 + 20ms));
  EXPECT_FALSE(rec.finish("o9", t0));
  EXPECT_EQ(rec.count(), 1u);
  EXPECT_EQ(rec.open(), 1u);
  EXPECT_EQ(rec.percentile(0.5), 10ms);
}

namespace {

shop_summary sample() {
  order_state orders;
  orders.apply_own(order_created{"o1", "c", {}, 1}, "");
  orders.apply_own(order_confirmed{"o1", "c", 1}, "");
  orders.apply_own(order_cancelled{"o2", "c", cancel_reason::out_of_stock}, "");
  orders.apply_own(order_created{"o3", "c", {}, 1}, "");
  latency_recorder rec;
  rec.record(2ms);
  rec.record(4ms);
  auto s = summarize(orders, 3, rec);
  s.events_per_topic = {{"orders", 30}, {"payments", 10}};
  s.elapsed = 2s;
  s.restarts["payment"] = {3, 4};
  s.invariants = {{"no event lost", true, "2 topics"},
                  {"no order charged twice", false, "o1 charged 2 times"}};
  return s;
}

} // namespace

TEST(ShopSummary, CountsOutcomesAndRates) {
  auto s = sample();
  EXPECT_EQ(s.orders_by_outcome["confirmed"], 1u);
  EXPECT_EQ(s.orders_by_outcome["cancelled/out_of_stock"], 1u);
  EXPECT_EQ(s.orders_by_outcome["open"], 1u);
  EXPECT_EQ(s.total_events(), 40u);
  EXPECT_DOUBLE_EQ(s.orders_per_second(), 1.0);
  EXPECT_DOUBLE_EQ(s.events_per_second(), 20.0);
  EXPECT_EQ(s.latency_p50, 2ms);
  EXPECT_EQ(s.latency_p99, 4ms);
}

TEST(ShopSummary, TableShowsEverySectionAndVerdicts) {
  auto table = render_table(sample());
  for (auto needle :
       {"placed", "cancelled/out_of_stock", "payments", "40", "orders/s", "p99",
        "4.0 ms", "3 / 4", "PASS no event lost",
        "FAIL no order charged twice (o1 charged 2 times)"})
    EXPECT_NE(table.find(needle), std::string::npos) << needle << "\n" << table;
}

TEST(ShopSummary, JsonReportHasTheSameNumbers) {
  auto json = to_json(sample());
  EXPECT_EQ(json.at("orders").at("placed").as_uint64(), 3u);
  EXPECT_EQ(json.at("events_per_topic").at("orders").as_uint64(), 30u);
  EXPECT_DOUBLE_EQ(json.at("latency_ms").at("p99").as_double(), 4.0);
  EXPECT_EQ(json.at("restarts").at("payment").at("kills").as_uint64(), 3u);
  EXPECT_EQ(json.at("invariants").as_array().size(), 2u);
  EXPECT_FALSE(json.at("passed").as_bool());
}

TEST(ProgressLine, RateOverTheLastIntervalAndFraming) {
  progress_sample a{10, 5, 1, 1000, 7, 1s};
  progress_sample b{20, 15, 2, 4000, 3, 2s};
  EXPECT_EQ(
    format_progress(b, a),
    "orders placed=20 confirmed=15 cancelled=2 | 3000 events/s | lag 3");
  EXPECT_EQ(format_progress(b, std::nullopt).find("2000 events/s")
              != std::string::npos,
            true);
  progress_meter tty{true};
  auto line = tty.update(a);
  EXPECT_EQ(line.front(), '\r');
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(tty.finish(), "\n");
  progress_meter plain{false};
  EXPECT_EQ(plain.finish(), "");
  EXPECT_EQ(plain.update(a).back(), '\n');
}
