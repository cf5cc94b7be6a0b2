#include <gtest/gtest.h>

#include "actors/broker/producer_table.hpp"

using namespace actorbus::broker;
using verdict = producer_table::verdict;

TEST(ProducerTable, FreshDuplicateAndGap) {
  producer_table t{8};
  EXPECT_EQ(t.check("p", 0).what, verdict::fresh);
  t.record("p", 0, 100, 3); // seq 0..2 at offsets 100..102
  EXPECT_EQ(t.check("p", 3).what, verdict::fresh);
  auto dup = t.check("p", 1);
  EXPECT_EQ(dup.what, verdict::duplicate);
  EXPECT_EQ(dup.offset, 101);
  auto gap = t.check("p", 5);
  EXPECT_EQ(gap.what, verdict::gap);
  EXPECT_EQ(gap.expected, 3);
  EXPECT_EQ(t.check("other", 7).what, verdict::fresh);
}

TEST(ProducerTable, OldDuplicatesBeyondWindowHaveUnknownOffset) {
  producer_table t{2};
  t.record("p", 0, 10, 4);
  EXPECT_EQ(t.check("p", 3).offset, 13);
  EXPECT_EQ(t.check("p", 2).offset, 12);
  auto old = t.check("p", 0);
  EXPECT_EQ(old.what, verdict::duplicate);
  EXPECT_EQ(old.offset, -1);
}
