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

TEST_F(PartitionState, TailReadsComeFromMemoryAndEqualWhatTheLogReturns) {
  auto st = open();
  std::vector<events::envelope> evs;
  for (int i = 0; i < 5; ++i) {
    auto ev = event("k" + std::to_string(i), "p1", i);
    ev.time = caf::timestamp{std::chrono::milliseconds{1000 + i}};
    ev.correlation_id = "c" + std::to_string(i);
    ev.causation_id = "cause";
    ev.headers["h"] = std::to_string(i);
    evs.push_back(ev);
  }
  ASSERT_TRUE(st->append(evs));
  ASSERT_FALSE(st->sync());
  auto cached = st->read(1, 3);
  ASSERT_TRUE(cached);
  // Damage the stored bytes: a read that went to the log would fail now.
  auto seg = log::join_path(log::partition_dir("/data", "orders", 1), "0.log");
  auto bytes = fs.contents(seg);
  ASSERT_GT(bytes.size(), 40u);
  bytes[bytes.size() - 3] ^= 0x55;
  fs.set_contents(seg, bytes);
  auto again = st->read(1, 3);
  ASSERT_TRUE(again) << "served from memory, not the damaged file";
  ASSERT_EQ(again->size(), 3u);
  // Undo the damage: what memory served equals what a fresh open (nothing
  // in memory) decodes from the log.
  st.reset();
  bytes[bytes.size() - 3] ^= 0x55;
  fs.set_contents(seg, bytes);
  auto reopened = open();
  auto stored = reopened->read(1, 3);
  ASSERT_TRUE(stored) << render(stored.error());
  ASSERT_EQ(cached->size(), 3u);
  ASSERT_EQ(stored->size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    auto& a = (*cached)[i];
    auto& b = (*stored)[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.topic, b.topic);
    EXPECT_EQ(a.partition, b.partition);
    EXPECT_EQ(a.offset, b.offset);
    EXPECT_EQ(a.offset, static_cast<int64_t>(i + 1));
    EXPECT_EQ(a.key, b.key);
    EXPECT_EQ(a.type, b.type);
    EXPECT_EQ(a.time, b.time);
    EXPECT_EQ(a.correlation_id, b.correlation_id);
    EXPECT_EQ(a.causation_id, b.causation_id);
    EXPECT_EQ(a.headers, b.headers);
    EXPECT_EQ(a.producer_id, b.producer_id);
    EXPECT_EQ(a.sequence, b.sequence);
    EXPECT_EQ(a.payload, b.payload);
  }
}

TEST_F(PartitionState, LogReadsStopAtMaxEventsAndUnsyncedStayHidden) {
  auto s = settings();
  s.topic.cache_bytes = 0;
  auto opened = partition_state::open(s);
  ASSERT_TRUE(opened);
  auto& st = **opened;
  std::vector<events::envelope> evs;
  for (int i = 0; i < 10; ++i)
    evs.push_back(event("k"));
  ASSERT_TRUE(st.append(evs));
  ASSERT_FALSE(st.sync());
  ASSERT_TRUE(st.append({event("late")}));
  auto some = st.read(2, 3);
  ASSERT_TRUE(some);
  ASSERT_EQ(some->size(), 3u);
  EXPECT_EQ(some->front().offset, 2);
  EXPECT_EQ(some->back().offset, 4);
  auto rest = st.read(8, 100);
  ASSERT_TRUE(rest);
  EXPECT_EQ(rest->size(), 2u) << "offset 10 is not synced";
  auto all = st.read(8, 100, true);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 3u);
}

TEST_F(PartitionState, FilteredScansFromMemoryAndFromTheLogAgree) {
  auto st = open();
  std::vector<events::envelope> evs;
  for (int i = 0; i < 12; ++i) {
    auto ev = event("k");
    ev.type = i % 4 == 1 ? "paid" : "created"; // offsets 1, 5, 9
    evs.push_back(ev);
  }
  ASSERT_TRUE(st->append(evs));
  ASSERT_FALSE(st->sync());
  events::type_filter paid{{"paid"}};
  auto s = settings();
  s.topic.cache_bytes = 0;
  auto uncached = partition_state::open(s);
  // Both instances have the same log; st serves from memory.
  for (auto* p : {st.get(), uncached->get()}) {
    auto two = p->scan(0, 2, false, paid);
    ASSERT_TRUE(two) << render(two.error());
    ASSERT_EQ(two->events.size(), 2u);
    EXPECT_EQ(two->events[0].offset, 1);
    EXPECT_EQ(two->events[1].offset, 5);
    EXPECT_EQ(two->events[1].type, "paid");
    EXPECT_EQ(two->next, 6);
    auto rest = p->scan(two->next, 10, false, paid);
    ASSERT_TRUE(rest);
    ASSERT_EQ(rest->events.size(), 1u);
    EXPECT_EQ(rest->events[0].offset, 9);
    EXPECT_EQ(rest->next, 12) << "examined up to the end";
    auto none = p->scan(10, 10, false, paid);
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->events.empty());
    EXPECT_EQ(none->next, 12);
    auto at_end = p->scan(12, 10, false, paid);
    ASSERT_TRUE(at_end);
    EXPECT_EQ(at_end->next, 12);
  }
}

TEST_F(PartitionState, AFilteredScanExaminesABoundedNumberOfEvents) {
  auto s = settings(log::durability::none);
  s.topic.cache_bytes = 0;
  auto opened = partition_state::open(s);
  ASSERT_TRUE(opened);
  auto& st = **opened;
  std::vector<events::envelope> evs(
    static_cast<size_t>(partition_state::max_scan_events + 10), event("k"));
  ASSERT_TRUE(st.append(evs));
  auto res = st.scan(0, 100, false, events::type_filter{{"absent"}});
  ASSERT_TRUE(res);
  EXPECT_TRUE(res->events.empty());
  EXPECT_EQ(res->next, partition_state::max_scan_events);
  auto tail = st.scan(res->next, 100, false, events::type_filter{{"absent"}});
  ASSERT_TRUE(tail);
  EXPECT_EQ(tail->next, partition_state::max_scan_events + 10);
}
