#include <gtest/gtest.h>

#include "actors/broker/recent_events.hpp"

using namespace actorbus;
using namespace actorbus::broker;

namespace {

events::envelope at(int64_t offset, size_t payload = 10) {
  events::envelope ev;
  ev.topic = "orders";
  ev.partition = 0;
  ev.offset = offset;
  ev.key = "k" + std::to_string(offset);
  ev.payload.assign(payload, 'x');
  return ev;
}

std::vector<int64_t> offsets(const std::vector<events::envelope>& evs) {
  std::vector<int64_t> result;
  for (auto& ev : evs)
    result.push_back(ev.offset);
  return result;
}

} // namespace

TEST(RecentEvents, CopiesAContiguousRangeBoundedByUptoAndCount) {
  recent_events cache{1 << 20};
  EXPECT_FALSE(cache.covers(0));
  for (int64_t o = 5; o < 10; ++o)
    cache.push(at(o));
  EXPECT_EQ(cache.first(), 5);
  EXPECT_EQ(cache.end(), 10);
  EXPECT_FALSE(cache.covers(4));
  EXPECT_TRUE(cache.covers(5));
  EXPECT_TRUE(cache.covers(9));
  EXPECT_FALSE(cache.covers(10));
  std::vector<events::envelope> out;
  cache.copy(6, 100, 100, out);
  EXPECT_EQ(offsets(out), (std::vector<int64_t>{6, 7, 8, 9}));
  out.clear();
  cache.copy(6, 8, 100, out);
  EXPECT_EQ(offsets(out), (std::vector<int64_t>{6, 7}));
  out.clear();
  cache.copy(5, 100, 2, out);
  EXPECT_EQ(offsets(out), (std::vector<int64_t>{5, 6}));
  EXPECT_EQ(out[1].key, "k6");
  out.clear();
  cache.copy(7, 7, 10, out);
  EXPECT_TRUE(out.empty());
}

TEST(RecentEvents, DropsTheOldestOverTheBudgetButKeepsTheNewest) {
  auto one = recent_events::estimate(at(0, 100));
  recent_events cache{3 * one};
  for (int64_t o = 0; o < 10; ++o)
    cache.push(at(o, 100));
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(cache.first(), 7);
  EXPECT_LE(cache.bytes(), 3 * one);
  recent_events tiny{1};
  tiny.push(at(0, 1000));
  tiny.push(at(1, 1000));
  EXPECT_EQ(tiny.size(), 1u);
  EXPECT_EQ(tiny.first(), 1);
  recent_events off{0};
  off.push(at(0));
  EXPECT_FALSE(off.covers(0));
  EXPECT_EQ(off.size(), 0u);
}

TEST(RecentEvents, AGapStartsTheRangeAgain) {
  recent_events cache{1 << 20};
  cache.push(at(0));
  cache.push(at(1));
  cache.push(at(5));
  EXPECT_FALSE(cache.covers(0));
  EXPECT_TRUE(cache.covers(5));
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.bytes(), recent_events::estimate(at(5)));
}

TEST(RecentEvents, FilteredCopySaysWhereItStopped) {
  recent_events cache{1 << 20};
  for (int64_t o = 0; o < 10; ++o) {
    auto ev = at(o);
    ev.type = o % 3 == 0 ? "wanted" : "other"; // 0, 3, 6, 9
    cache.push(ev);
  }
  events::type_filter wanted{{"wanted"}};
  std::vector<events::envelope> out;
  EXPECT_EQ(cache.copy(1, 100, 2, out, wanted), 7);
  EXPECT_EQ(offsets(out), (std::vector<int64_t>{3, 6}));
  out.clear();
  // Bounded by upto: nothing wanted in [7, 9), the next read starts at 9.
  EXPECT_EQ(cache.copy(7, 9, 10, out, wanted), 9);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(cache.copy(9, 100, 10, out, wanted), 10);
  EXPECT_EQ(offsets(out), (std::vector<int64_t>{9}));
  out.clear();
  // Unfiltered, the return value is one past the last copied event.
  EXPECT_EQ(cache.copy(2, 100, 3, out), 5);
}
