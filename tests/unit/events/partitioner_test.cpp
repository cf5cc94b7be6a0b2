#include <gtest/gtest.h>

#include <set>

#include "runtime/events/partitioner.hpp"

using namespace actorbus::events;

// Reference values from Kafka's UtilsTest.testMurmur2, so keys land in the
// same partitions as with Kafka's default partitioner.
TEST(Partitioner, Murmur2MatchesKafka) {
  EXPECT_EQ(murmur2("21"), -973932308);
  EXPECT_EQ(murmur2("foobar"), -790332482);
  EXPECT_EQ(murmur2("a-little-bit-long-string"), -985981536);
  EXPECT_EQ(murmur2("a-little-bit-longer-string"), -1486304829);
  EXPECT_EQ(murmur2("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"),
            -58897971);
  EXPECT_EQ(murmur2("abc"), 479470107);
}

TEST(Partitioner, SameKeySamePartitionAndSpread) {
  std::set<int32_t> used;
  for (int i = 0; i < 200; ++i) {
    auto key = "customer-" + std::to_string(i);
    auto p = partition_for_key(key, 8);
    ASSERT_GE(p, 0);
    ASSERT_LT(p, 8);
    EXPECT_EQ(partition_for_key(key, 8), p);
    used.insert(p);
  }
  EXPECT_EQ(used.size(), 8u);
}
