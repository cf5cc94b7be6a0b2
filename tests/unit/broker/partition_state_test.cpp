#include <gtest/gtest.h>

#include "actors/broker/partition_state.hpp"
#include "runtime/errc.hpp"
#include "runtime/log/fault_injecting_file_system.hpp"

using namespace actorbus;
using namespace actorbus::broker;

namespace {

struct PartitionState : ::testing::Test {
  log::fault_injecting_file_system fs;
  manual_clock clk;

  partition_settings settings(log::durability mode = log::durability::always) {
    partition_settings s;
    s.topic.name = "orders";
    s.topic.durability = mode;
    s.partition = 1;
    s.data_dir = "/data";
    s.fs = &fs;
    s.clk = &clk;
    return s;
  }

  std::unique_ptr<partition_state> open(log::durability mode
                                        = log::durability::always) {
    auto st = partition_state::open(settings(mode));
    EXPECT_TRUE(st) << render(st.error());
    return st ? std::move(*st) : nullptr;
  }

  static events::envelope event(std::string key, std::string producer = {},
                                int64_t seq = -1) {
    events::envelope ev;
    ev.id = events::make_event_id();
    ev.topic = "orders";
    ev.key = std::move(key);
    ev.type = "t";
    ev.producer_id = std::move(producer);
    ev.sequence = seq;
    ev.payload = {'a', 'b'};
    return ev;
  }
};

} // namespace

TEST_F(PartitionState, AppendIsVisibleOnlyAfterSync) {
  auto st = open();
  auto out = st->append({event("a"), event("b")});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->offsets, (std::vector<int64_t>{0, 1}));
  EXPECT_EQ(out->needed_end, 2);
  EXPECT_EQ(st->acked_end(), 0);
  EXPECT_TRUE(st->read(0, 10)->empty());
  ASSERT_FALSE(st->sync());
  EXPECT_EQ(st->acked_end(), 2);
  auto evs = st->read(0, 10);
  ASSERT_TRUE(evs);
  ASSERT_EQ(evs->size(), 2u);
  EXPECT_EQ((*evs)[1].key, "b");
  EXPECT_EQ((*evs)[1].offset, 1);
  EXPECT_EQ((*evs)[1].partition, 1);
}

TEST_F(PartitionState, NoneDurabilityAcksWrittenRecords) {
  auto st = open(log::durability::none);
  ASSERT_TRUE(st->append({event("a")}));
  EXPECT_EQ(st->acked_end(), 1);
}

TEST_F(PartitionState, DuplicatesGetOriginalOffsetsAlsoAfterReopen) {
  {
    auto st = open();
    ASSERT_TRUE(st->append({event("a", "p1", 0), event("b", "p1", 1)}));
    ASSERT_FALSE(st->sync());
    auto again = st->append({event("b", "p1", 1), event("c", "p1", 2)});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->offsets, (std::vector<int64_t>{1, 2}));
    ASSERT_FALSE(st->sync());
  }
  auto st = open();
  auto retry = st->append({event("a", "p1", 0), event("c", "p1", 2)});
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->offsets, (std::vector<int64_t>{0, 2}));
  EXPECT_EQ(st->status().end_offset, 3);
  auto gap = st->append({event("x", "p1", 9)});
  ASSERT_FALSE(gap);
  EXPECT_TRUE(has_code(gap.error(), errc::sequence_gap));
}

TEST_F(PartitionState, ResolvesStartPositions) {
  auto st = open();
  auto early = event("a");
  early.time = caf::timestamp{std::chrono::milliseconds{1000}};
  auto late = event("b");
  late.time = caf::timestamp{std::chrono::milliseconds{5000}};
  ASSERT_TRUE(st->append({early, late}));
  ASSERT_FALSE(st->sync());
  EXPECT_EQ(*st->resolve({start_position::earliest, 0}), 0);
  EXPECT_EQ(*st->resolve({start_position::latest, 0}), 2);
  EXPECT_EQ(*st->resolve({start_position::offset, 1}), 1);
  EXPECT_EQ(*st->resolve({start_position::offset, 99}), 2);
  EXPECT_EQ(*st->resolve({start_position::timestamp, 3000}), 1);
}

TEST_F(PartitionState, DiskErrorsComeBackAsErrors) {
  auto st = open();
  fs.fail_write(1, errc::disk_full);
  auto out = st->append({event("a")});
  ASSERT_FALSE(out);
  EXPECT_TRUE(has_code(out.error(), errc::disk_full));
}
