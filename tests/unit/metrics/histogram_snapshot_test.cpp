#include <gtest/gtest.h>

#include "runtime/metrics/histogram_snapshot.hpp"
#include "runtime/metrics/metric.hpp"
#include "runtime/metrics/registry.hpp"

using namespace actorbus::metrics;

TEST(HistogramSnapshot, ObserveUsesLessOrEqualBuckets) {
  auto h = histogram_snapshot::with_bounds({0.1, 1.0});
  h.observe(0.1);
  h.observe(0.5);
  h.observe(7.0);
  EXPECT_EQ(h.counts, (std::vector<uint64_t>{1, 1, 1}));
  EXPECT_EQ(h.count, 3u);
  EXPECT_DOUBLE_EQ(h.sum, 7.6);
}

TEST(HistogramSnapshot, MergeAddsAndAdoptsBoundsWhenEmpty) {
  auto a = histogram_snapshot::with_bounds({0.1, 1.0});
  a.observe(0.05);
  auto b = histogram_snapshot::with_bounds({0.1, 1.0});
  b.observe(0.5);
  b.observe(0.5);
  histogram_snapshot total;
  ASSERT_TRUE(total.merge(a));
  ASSERT_TRUE(total.merge(b));
  EXPECT_EQ(total.bounds, a.bounds);
  EXPECT_EQ(total.counts, (std::vector<uint64_t>{1, 2, 0}));
  EXPECT_EQ(total.count, 3u);
  EXPECT_DOUBLE_EQ(total.sum, 1.05);
}

TEST(HistogramSnapshot, MergeRefusesOtherBounds) {
  auto a = histogram_snapshot::with_bounds({0.1, 1.0});
  a.observe(0.05);
  auto b = histogram_snapshot::with_bounds({0.2, 1.0});
  b.observe(0.05);
  EXPECT_FALSE(a.merge(b));
  EXPECT_EQ(a.count, 1u);
}

TEST(HistogramSnapshot, LoadReplacesARegistryHistogram) {
  registry reg;
  auto& h
    = reg.histogram("x_fsync_seconds", "fsyncs", {"p"}, {0.1, 1.0}).with({"0"});
  h.observe(5.0);
  auto snap = histogram_snapshot::with_bounds({0.1, 1.0});
  snap.observe(0.05);
  snap.observe(0.5);
  ASSERT_TRUE(h.load(snap));
  EXPECT_EQ(h.count(), 2u);
  EXPECT_EQ(h.bucket_count(2), 0u);
  auto text = reg.render();
  EXPECT_NE(text.find("x_fsync_seconds_bucket{p=\"0\",le=\"0.1\"} 1\n"),
            std::string::npos)
    << text;
  EXPECT_NE(text.find("x_fsync_seconds_bucket{p=\"0\",le=\"1\"} 2\n"),
            std::string::npos)
    << text;
  EXPECT_NE(text.find("x_fsync_seconds_count{p=\"0\"} 2\n"), std::string::npos)
    << text;
  EXPECT_FALSE(h.load(histogram_snapshot::with_bounds({0.2})));
  EXPECT_EQ(h.count(), 2u);
}
