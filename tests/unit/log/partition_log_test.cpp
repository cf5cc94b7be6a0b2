#include <random>

#include "runtime/clock.hpp"
#include "tests/unit/log/log_test_support.hpp"

using namespace actorbus;
using namespace actorbus::log;
using namespace actorbus::log::test;
using namespace std::chrono_literals;

namespace {

class PartitionLog : public log_fixture {
public:
  void SetUp() override { ASSERT_FALSE(reopen()); }
};

} // namespace

TEST_F(PartitionLog, OffsetsAreDenseAcrossBatches) {
  EXPECT_EQ(append(3), 0);
  EXPECT_EQ(append(1), 3);
  EXPECT_EQ(append(10), 4);
  EXPECT_EQ(log->end_offset(), 14);
  auto xs = log->read(0, 1 << 20);
  ASSERT_TRUE(xs);
  for (int64_t i = 0; i < 14; ++i)
    EXPECT_EQ((*xs)[i].offset, i);
}

TEST_F(PartitionLog, EmptyBatchIsRejected) {
  auto x = log->append(record_batch{});
  ASSERT_FALSE(x);
  EXPECT_TRUE(has_code(x.error(), errc::invalid_argument));
  EXPECT_FALSE(log->failed());
}

TEST_F(PartitionLog, ReadIsBoundedByBytesButReturnsAtLeastOneRecord) {
  append(10, 100); // 10 records, byte_size 8 + 100 + 16 = 124 each
  auto xs = log->read(2, 3 * 124);
  ASSERT_TRUE(xs);
  ASSERT_EQ(xs->size(), 3u);
  EXPECT_EQ(xs->front().offset, 2);
  xs = log->read(2, 3 * 124 - 1);
  ASSERT_TRUE(xs);
  EXPECT_EQ(xs->size(), 2u);
  xs = log->read(5, 1);
  ASSERT_TRUE(xs);
  ASSERT_EQ(xs->size(), 1u);
  EXPECT_EQ(xs->front(), expected[5]);
}

TEST_F(PartitionLog, ReadOutsideTheLogIsOutOfRange) {
  append(3);
  EXPECT_TRUE(log->read(3, 100)->empty());
  auto x = log->read(4, 100);
  ASSERT_FALSE(x);
  EXPECT_TRUE(has_code(x.error(), errc::offset_out_of_range));
  EXPECT_FALSE(log->read(-1, 100));
}

TEST_F(PartitionLog, UptoHidesUnsyncedRecords) {
  append(3);
  ASSERT_FALSE(log->sync());
  append(2);
  EXPECT_EQ(log->durable_end_offset(), 3);
  EXPECT_EQ(log->end_offset(), 5);
  auto xs = log->read(0, 1 << 20, log->durable_end_offset());
  ASSERT_TRUE(xs);
  EXPECT_EQ(xs->size(), 3u);
  EXPECT_TRUE(log->read(3, 1 << 20, log->durable_end_offset())->empty());
  ASSERT_FALSE(log->sync());
  EXPECT_EQ(log->durable_end_offset(), 5);
}

TEST_F(PartitionLog, ReadBatchesCarriesProducerIdAndSequence) {
  fill_segments(3);
  ASSERT_FALSE(reopen());
  int64_t next = log->start_offset();
  size_t batches = 0;
  for (;;) {
    auto xs = log->read_batches(next, 2000);
    ASSERT_TRUE(xs);
    if (xs->empty())
      break;
    for (auto& b : *xs) {
      EXPECT_EQ(b.base_offset, next);
      EXPECT_EQ(b.producer_id, "producer-1");
      EXPECT_EQ(b.base_sequence, b.base_offset);
      for (auto& x : b.records)
        EXPECT_EQ(x, expected[x.offset]);
      next = b.next_offset();
      ++batches;
    }
  }
  EXPECT_EQ(next, log->end_offset());
  EXPECT_EQ(batches, expected.size() / 5);
  // A start inside a batch returns that whole batch.
  auto xs = log->read_batches(7, 1);
  ASSERT_TRUE(xs);
  ASSERT_EQ(xs->size(), 1u);
  EXPECT_EQ(xs->front().base_offset, 5);
}

TEST_F(PartitionLog, OffsetForTimestampMatchesBruteForce) {
  uint64_t seed = 7;
  SCOPED_TRACE("seed=" + std::to_string(seed));
  std::mt19937_64 rng{seed};
  // Timestamps grow with jitter, so some go backwards.
  int64_t ts = 1'000'000;
  std::vector<record> all;
  while (all.size() < 600) {
    std::vector<record> xs;
    for (size_t i = 0, n = 1 + rng() % 8; i < n; ++i) {
      ts += static_cast<int64_t>(rng() % 50) - 10;
      xs.push_back(make_record(ts, payload_for(ts, rng() % 200)));
    }
    auto base = log->append(make_batch(xs));
    ASSERT_TRUE(base);
    for (auto& x : xs)
      all.push_back(x);
  }
  ASSERT_GT(log->stats().segments, 5u);
  auto brute = [&](int64_t t) {
    for (size_t i = 0; i < all.size(); ++i)
      if (all[i].timestamp >= t)
        return static_cast<int64_t>(i);
    return static_cast<int64_t>(all.size());
  };
  for (int pass = 0; pass < 2; ++pass) {
    for (int64_t t = 999'000; t <= ts + 100; t += 37) {
      auto x = log->offset_for_timestamp(t);
      ASSERT_TRUE(x);
      ASSERT_EQ(*x, brute(t)) << "timestamp " << t;
    }
    ASSERT_FALSE(reopen()); // second pass uses the indexes from disk
  }
}

TEST_F(PartitionLog, RetentionBySizeDeletesOldSegmentsAcrossRestarts) {
  fill_segments(6);
  auto bytes = log->stats().bytes;
  auto seg_bytes = fs.contents(seg(0)).size();
  opts.retention_bytes = bytes - 2 * seg_bytes;
  ASSERT_FALSE(reopen());
  auto deleted = log->apply_retention(clock::wall_time{});
  ASSERT_TRUE(deleted);
  EXPECT_EQ(*deleted, 2u);
  EXPECT_EQ(log->start_offset(), 50);
  EXPECT_FALSE(fs.exists(seg(0)));
  EXPECT_FALSE(fs.exists(path("25.index")));
  EXPECT_FALSE(log->read(49, 100));
  ASSERT_FALSE(reopen());
  EXPECT_EQ(log->start_offset(), 50);
  EXPECT_EQ(log->end_offset(), static_cast<int64_t>(expected.size()));
  auto xs = log->read(50, 1 << 20);
  ASSERT_TRUE(xs);
  EXPECT_EQ(xs->front(), expected[50]);
  EXPECT_EQ(*log->apply_retention(clock::wall_time{}), 0u);
  // The active segment is never deleted, however small the limit.
  opts.retention_bytes = 1;
  ASSERT_FALSE(reopen());
  EXPECT_EQ(*log->apply_retention(clock::wall_time{}), 3u);
  EXPECT_EQ(log->stats().segments, 1u);
  EXPECT_EQ(log->start_offset(), 125);
  auto end = log->end_offset();
  EXPECT_EQ(append(1), end);
}

TEST_F(PartitionLog, RetentionByAgeUsesNewestRecordOfSegment) {
  fill_segments(4); // timestamps are 1000 + offset (ms)
  opts.retention_age = 1000ms;
  ASSERT_FALSE(reopen());
  auto at = [](int64_t ms) {
    return clock::wall_time{std::chrono::milliseconds{ms}};
  };
  // Segment 0 holds offsets 0..24 (newest timestamp 1024).
  EXPECT_EQ(*log->apply_retention(at(2024)), 0u);
  EXPECT_EQ(*log->apply_retention(at(2025)), 1u);
  EXPECT_EQ(log->start_offset(), 25);
  ASSERT_FALSE(reopen());
  EXPECT_EQ(log->start_offset(), 25);
  EXPECT_EQ(*log->apply_retention(at(1'000'000)), 2u);
  EXPECT_EQ(log->stats().segments, 1u);
  EXPECT_EQ(log->stats().segments_deleted, 2u); // counted since open
}

TEST_F(PartitionLog, InterruptedRetentionLeavesNoOrphans) {
  fill_segments(3);
  log.reset();
  // A crash after removing the .log but before its index files.
  ASSERT_FALSE(fs.remove(seg(0)));
  ASSERT_TRUE(fs.exists(path("0.index")));
  ASSERT_FALSE(reopen());
  EXPECT_FALSE(fs.exists(path("0.index")));
  EXPECT_FALSE(fs.exists(path("0.timeindex")));
  EXPECT_EQ(log->start_offset(), 25);
}

TEST_F(PartitionLog, StatsCountBytesSegmentsAndFsyncs) {
  manual_clock clk;
  opts.clk = &clk;
  ASSERT_FALSE(reopen());
  std::vector<std::chrono::nanoseconds> observed;
  log->on_fsync([&](std::chrono::nanoseconds d) { observed.push_back(d); });
  append(2);
  EXPECT_EQ(log->stats().appended_batches, 1u);
  EXPECT_EQ(log->stats().appended_records, 2u);
  EXPECT_EQ(log->stats().bytes, fs.contents(seg(0)).size());
  ASSERT_FALSE(log->sync());
  ASSERT_FALSE(log->sync()); // nothing new: no fsync
  EXPECT_EQ(log->stats().fsyncs, 1u);
  fill_segments(2); // the roll syncs the sealed segment
  EXPECT_EQ(log->stats().fsyncs, 2u);
  EXPECT_EQ(log->stats().segments, 2u);
  EXPECT_EQ(observed.size(), 2u);
  EXPECT_EQ(log->durable_end_offset(), 22); // 2 + 4 x 5 before the roll
}

TEST_F(PartitionLog, InvalidOptionsAreRejected) {
  opts.max_batch_bytes = max_format_batch_bytes + 1;
  auto err = reopen();
  EXPECT_TRUE(has_code(err, errc::invalid_argument)) << render(err);
}

TEST_F(PartitionLog, TwoPhaseSyncCoversWhatWasAppendedBeforeIt) {
  append(3);
  auto p = log->begin_sync();
  ASSERT_TRUE(p);
  EXPECT_EQ(p->end_offset(), 3);
  append(2); // the owner keeps appending while the sync is in flight
  ASSERT_FALSE(p->run());
  ASSERT_FALSE(log->end_sync(*p, caf::none));
  EXPECT_EQ(log->durable_end_offset(), 3);
  EXPECT_EQ(log->stats().fsyncs, 1u);
  log.reset();
  fs.power_loss();
  ASSERT_FALSE(reopen());
  EXPECT_GE(log->end_offset(), 3);
  expected.resize(static_cast<size_t>(log->end_offset()));
  EXPECT_EQ(read_all(), expected);
}

TEST_F(PartitionLog, TwoPhaseSyncSurvivesARollInBetween) {
  append(5);
  auto p = log->begin_sync();
  ASSERT_TRUE(p);
  fill_segments(3); // seals (and drops the writer of) the synced segment
  ASSERT_FALSE(p->run());
  ASSERT_FALSE(log->end_sync(*p, caf::none));
  EXPECT_EQ(log->durable_end_offset(), 50); // the rolls synced up to 50
  auto q = log->begin_sync();
  ASSERT_TRUE(q);
  ASSERT_FALSE(q->run());
  ASSERT_FALSE(log->end_sync(*q, caf::none));
  EXPECT_EQ(log->durable_end_offset(), log->end_offset());
}

TEST_F(PartitionLog, FailedTwoPhaseSyncFailsTheLog) {
  append(2);
  auto p = log->begin_sync();
  ASSERT_TRUE(p);
  fs.fail_sync(1);
  auto err = p->run();
  EXPECT_TRUE(has_code(err, errc::io_error));
  EXPECT_TRUE(has_code(log->end_sync(*p, err), errc::io_error));
  EXPECT_TRUE(log->failed());
  EXPECT_EQ(log->durable_end_offset(), 0);
  EXPECT_TRUE(has_code(log->begin_sync().error(), errc::log_failed));
}
