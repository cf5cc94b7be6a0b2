#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

#include "runtime/metrics/registry.hpp"

using namespace actorbus::metrics;

TEST(MetricsRegistry, CounterChildrenPerLabelValues) {
  registry reg;
  auto& fam = reg.counter("x_events_total", "events", {"topic"});
  auto& orders = fam.with({"orders"});
  orders.inc();
  orders.inc(4);
  fam.with({"payments"}).inc();
  EXPECT_EQ(fam.with({"orders"}).value(), 5u);
  EXPECT_EQ(&fam.with({"orders"}), &orders);
  EXPECT_EQ(fam.with({"payments"}).value(), 1u);
}

TEST(MetricsRegistry, RegistrationIsIdempotent) {
  registry reg;
  auto& a = reg.gauge("x_lag", "lag", {"group", "partition"});
  auto& b = reg.gauge("x_lag", "lag", {"group", "partition"});
  EXPECT_EQ(&a, &b);
}

TEST(MetricsRegistry, ConflictingRegistrationThrows) {
  registry reg;
  reg.gauge("x_lag", "lag", {"group"});
  EXPECT_THROW(reg.gauge("x_lag", "lag", {"topic"}), std::invalid_argument);
  EXPECT_THROW(reg.counter("x_lag", "lag", {"group"}), std::invalid_argument);
  reg.histogram("x_latency_seconds", "lat", {}, {0.1, 1});
  EXPECT_THROW(reg.histogram("x_latency_seconds", "lat", {}, {0.1, 2}),
               std::invalid_argument);
}

TEST(MetricsRegistry, InvalidNamesAndBucketsThrow) {
  registry reg;
  EXPECT_THROW(reg.counter("x_events", "no suffix"), std::invalid_argument);
  EXPECT_THROW(reg.gauge("1bad", "digit first"), std::invalid_argument);
  EXPECT_THROW(reg.gauge("x_ok", "bad label", {"a-b"}), std::invalid_argument);
  EXPECT_THROW(reg.gauge("x_ok", "reserved", {"__x"}), std::invalid_argument);
  EXPECT_THROW(reg.gauge("x_ok", ""), std::invalid_argument);
  EXPECT_THROW(reg.histogram("x_h", "le label", {"le"}), std::invalid_argument);
  EXPECT_THROW(reg.histogram("x_h", "unsorted", {}, {1, 0.5}),
               std::invalid_argument);
  EXPECT_THROW(reg.histogram("x_h", "empty", {}, {}), std::invalid_argument);
}

TEST(MetricsRegistry, WrongLabelCountThrows) {
  registry reg;
  auto& fam = reg.counter("x_events_total", "events", {"topic"});
  EXPECT_THROW(fam.with({}), std::invalid_argument);
  EXPECT_THROW(fam.with({"a", "b"}), std::invalid_argument);
}

TEST(MetricsRegistry, HistogramBucketsAreLessOrEqual) {
  histogram h{{0.1, 1.0}};
  h.observe(0.1); // bucket 0 (le=0.1 includes 0.1)
  h.observe(0.5); // bucket 1
  h.observe(1.0); // bucket 1
  h.observe(7.0); // +Inf
  EXPECT_EQ(h.bucket_count(0), 1u);
  EXPECT_EQ(h.bucket_count(1), 2u);
  EXPECT_EQ(h.bucket_count(2), 1u);
  EXPECT_EQ(h.count(), 4u);
  EXPECT_DOUBLE_EQ(h.sum(), 8.6);
}

TEST(MetricsRegistry, GaugeSetAddSub) {
  gauge g;
  g.set(10);
  g.add(2.5);
  g.sub(0.5);
  EXPECT_DOUBLE_EQ(g.value(), 12.0);
}

TEST(MetricsRegistry, ConcurrentUpdatesAreExact) {
  registry reg;
  auto& c = reg.counter("x_events_total", "events", {"topic"}).with({"t"});
  auto& g = reg.gauge("x_inflight", "in flight").with({});
  auto& h = reg.histogram("x_latency_seconds", "lat", {}, {0.5}).with({});
  constexpr int threads = 4;
  constexpr int per_thread = 50000;
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (int i = 0; i < per_thread; ++i) {
        c.inc();
        g.add(1);
        h.observe(i % 2 == 0 ? 0.25 : 1.0);
      }
    });
  std::string last;
  for (int i = 0; i < 20; ++i)
    last = reg.render(); // concurrent scrapes must not crash or tear
  for (auto& th : pool)
    th.join();
  EXPECT_EQ(c.value(), uint64_t{threads * per_thread});
  EXPECT_DOUBLE_EQ(g.value(), double{threads * per_thread});
  EXPECT_EQ(h.count(), uint64_t{threads * per_thread});
  EXPECT_EQ(h.bucket_count(0), uint64_t{threads * per_thread / 2});
  EXPECT_DOUBLE_EQ(h.sum(), threads * per_thread / 2 * 1.25);
}

TEST(MetricsRegistry, CollectorsRunAtScrapeTime) {
  registry reg;
  auto& lag = reg.gauge("x_consumer_lag", "lag", {"group", "partition"});
  int backlog = 3;
  auto id = reg.add_collector([&] { lag.with({"billing", "0"}).set(backlog); });
  EXPECT_NE(reg.render().find("x_consumer_lag{group=\"billing\",partition="
                              "\"0\"} 3\n"),
            std::string::npos);
  backlog = 0;
  EXPECT_NE(reg.render().find("partition=\"0\"} 0\n"), std::string::npos);
  reg.remove_collector(id);
  backlog = 9;
  EXPECT_NE(reg.render().find("partition=\"0\"} 0\n"), std::string::npos);
}

TEST(MetricsRegistry, RemoveDropsAChild) {
  registry reg;
  auto& lag = reg.gauge("x_consumer_lag", "lag", {"group"});
  lag.with({"gone"}).set(1);
  EXPECT_TRUE(lag.remove({"gone"}));
  EXPECT_FALSE(lag.remove({"gone"}));
  EXPECT_EQ(reg.render().find("gone"), std::string::npos);
}
