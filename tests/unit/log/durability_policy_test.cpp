#include <gtest/gtest.h>

#include "runtime/clock.hpp"
#include "runtime/errc.hpp"
#include "runtime/log/durability_policy.hpp"

using namespace actorbus;
using namespace actorbus::log;
using namespace std::chrono_literals;

TEST(DurabilityPolicy, ParsesTheThreeModes) {
  EXPECT_EQ(*parse_durability("always"), durability::always);
  EXPECT_EQ(*parse_durability("interval"), durability::interval);
  EXPECT_EQ(*parse_durability("none"), durability::none);
  auto bad = parse_durability("sometimes");
  ASSERT_FALSE(bad);
  EXPECT_TRUE(has_code(bad.error(), errc::invalid_config));
  EXPECT_EQ(to_string(durability::interval), "interval");
}

TEST(DurabilityPolicy, AlwaysSyncsEveryGroupAndAcksOnlyAfterSync) {
  manual_clock clk;
  durability_policy p{durability::always, 50ms, clk};
  p.synced(10); // recovered log
  EXPECT_FALSE(p.sync_now());
  EXPECT_EQ(p.acked_end_offset(), 10);
  p.appended(12);
  p.appended(15);
  EXPECT_TRUE(p.sync_now());
  EXPECT_FALSE(p.sync_after());
  EXPECT_EQ(p.acked_end_offset(), 10);
  p.synced(15);
  EXPECT_FALSE(p.sync_now());
  EXPECT_EQ(p.acked_end_offset(), 15);
}

TEST(DurabilityPolicy, IntervalSyncsWhenOldestUnsyncedAppendIsDue) {
  manual_clock clk;
  durability_policy p{durability::interval, 50ms, clk};
  EXPECT_FALSE(p.sync_after()); // nothing pending, no timer
  p.appended(1);
  EXPECT_FALSE(p.sync_now());
  EXPECT_EQ(*p.sync_after(), 50ms);
  clk.advance(30ms);
  p.appended(2); // does not push the deadline back
  EXPECT_EQ(*p.sync_after(), 20ms);
  clk.advance(20ms);
  EXPECT_TRUE(p.sync_now());
  EXPECT_EQ(*p.sync_after(), 0ms);
  // Acknowledged when written (everysec), synced within the interval.
  EXPECT_EQ(p.acked_end_offset(), 2);
  p.synced(2);
  EXPECT_EQ(p.acked_end_offset(), 2);
  EXPECT_FALSE(p.pending());
  clk.advance(1s);
  p.appended(3); // a new window starts at this append
  EXPECT_FALSE(p.sync_now());
  EXPECT_EQ(*p.sync_after(), 50ms);
}

TEST(DurabilityPolicy, SyncCoveringOnlyPartOfTheAppendsKeepsTheRestPending) {
  manual_clock clk;
  durability_policy p{durability::always, 0ms, clk};
  p.appended(5);
  p.synced(3);
  EXPECT_TRUE(p.pending());
  EXPECT_EQ(p.acked_end_offset(), 3);
}

TEST(DurabilityPolicy, NoneNeverSyncsAndAcksWrittenOffsets) {
  manual_clock clk;
  durability_policy p{durability::none, 50ms, clk};
  p.appended(7);
  clk.advance(1h);
  EXPECT_FALSE(p.sync_now());
  EXPECT_FALSE(p.sync_after());
  EXPECT_EQ(p.acked_end_offset(), 7);
}
