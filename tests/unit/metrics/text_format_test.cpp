#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "runtime/metrics/registry.hpp"
#include "runtime/metrics/text_format.hpp"

using namespace actorbus::metrics;

TEST(MetricsTextFormat, EscapesLabelValuesAndHelp) {
  EXPECT_EQ(text_format::escape_label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  EXPECT_EQ(text_format::escape_help("say \"hi\"\\\n"), "say \"hi\"\\\\\\n");
}

TEST(MetricsTextFormat, FormatsValues) {
  EXPECT_EQ(text_format::format_value(42), "42");
  EXPECT_EQ(text_format::format_value(0.25), "0.25");
  EXPECT_EQ(text_format::format_value(-1.5), "-1.5");
  EXPECT_EQ(text_format::format_value(std::numeric_limits<double>::infinity()),
            "+Inf");
  EXPECT_EQ(text_format::format_value(-std::numeric_limits<double>::infinity()),
            "-Inf");
  EXPECT_EQ(text_format::format_value(std::nan("")), "NaN");
  EXPECT_EQ(text_format::format_value(1e21), "1e+21");
}

TEST(MetricsTextFormat, RendersEveryKind) {
  registry reg;
  auto& pub = reg.counter("ab_events_published_total",
                          "Events appended.\nPer topic.", {"topic"});
  pub.with({"orders"}).inc(3);
  pub.with({"we\"ird\\\n"}).inc();
  reg.gauge("ab_up", "Whether the node runs").with({}).set(1);
  auto& lat = reg.histogram("ab_fsync_seconds", "fsync latency", {"partition"},
                            {0.001, 0.01});
  lat.with({"0"}).observe(0.0005);
  lat.with({"0"}).observe(0.005);
  lat.with({"0"}).observe(2);
  EXPECT_EQ(reg.render(),
            "# HELP ab_events_published_total Events appended.\\nPer topic.\n"
            "# TYPE ab_events_published_total counter\n"
            "ab_events_published_total{topic=\"orders\"} 3\n"
            "ab_events_published_total{topic=\"we\\\"ird\\\\\\n\"} 1\n"
            "# HELP ab_up Whether the node runs\n"
            "# TYPE ab_up gauge\n"
            "ab_up 1\n"
            "# HELP ab_fsync_seconds fsync latency\n"
            "# TYPE ab_fsync_seconds histogram\n"
            "ab_fsync_seconds_bucket{partition=\"0\",le=\"0.001\"} 1\n"
            "ab_fsync_seconds_bucket{partition=\"0\",le=\"0.01\"} 2\n"
            "ab_fsync_seconds_bucket{partition=\"0\",le=\"+Inf\"} 3\n"
            "ab_fsync_seconds_sum{partition=\"0\"} 2.0055\n"
            "ab_fsync_seconds_count{partition=\"0\"} 3\n");
}

TEST(MetricsTextFormat, FamilyWithoutChildrenHasOnlyHeader) {
  registry reg;
  reg.gauge("ab_lag", "lag", {"group"});
  EXPECT_EQ(reg.render(), "# HELP ab_lag lag\n# TYPE ab_lag gauge\n");
}

TEST(MetricsTextFormat, ValidNames) {
  EXPECT_TRUE(text_format::valid_metric_name("a:b_c1"));
  EXPECT_FALSE(text_format::valid_metric_name(""));
  EXPECT_FALSE(text_format::valid_metric_name("a-b"));
  EXPECT_TRUE(text_format::valid_label_name("_x1"));
  EXPECT_FALSE(text_format::valid_label_name("a:b"));
}
