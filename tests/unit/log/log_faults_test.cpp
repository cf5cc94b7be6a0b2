// I/O errors reach the caller as values; a failed log refuses appends
// cleanly and stays readable up to its last complete record.
#include "tests/unit/log/log_test_support.hpp"

using namespace actorbus;
using namespace actorbus::log;
using namespace actorbus::log::test;

namespace {

class LogFaults : public log_fixture {
public:
  void SetUp() override {
    opts.segment_bytes = 1 << 20;
    ASSERT_FALSE(reopen());
  }

  caf::expected<int64_t> try_append(size_t n) {
    std::vector<record> xs;
    for (size_t i = 0; i < n; ++i)
      xs.push_back(make_record(1, payload_for(static_cast<int64_t>(i), 100)));
    return log->append(make_batch(xs));
  }
};

} // namespace

TEST_F(LogFaults, DiskFullReachesCallerAndLaterAppendsFailCleanly) {
  append(5);
  ASSERT_FALSE(log->sync());
  append(5);
  auto size = fs.contents(seg(0)).size();
  fs.set_capacity(size + 300); // the next 5-record batch needs 642 bytes
  auto x = try_append(5);
  ASSERT_FALSE(x);
  EXPECT_TRUE(has_code(x.error(), errc::disk_full)) << render(x.error());
  EXPECT_TRUE(log->failed());
  // No half batch is left in the file.
  EXPECT_EQ(fs.contents(seg(0)).size(), size);
  // Later appends and syncs fail cleanly, naming the cause.
  fs.set_capacity(0);
  auto y = try_append(1);
  ASSERT_FALSE(y);
  EXPECT_TRUE(has_code(y.error(), errc::log_failed));
  EXPECT_NE(render(y.error()).find("disk_full"), std::string::npos);
  EXPECT_TRUE(has_code(log->sync(), errc::log_failed));
  EXPECT_EQ(fs.contents(seg(0)).size(), size);
  // Reads still work up to the last complete record.
  EXPECT_EQ(log->end_offset(), 10);
  EXPECT_EQ(log->durable_end_offset(), 5);
  EXPECT_EQ(read_all(), expected);
  // Reopening recovers and appends work again.
  ASSERT_FALSE(reopen());
  EXPECT_EQ(log->stats().recovered_bytes_dropped, 0u);
  EXPECT_EQ(append(1), 10);
  EXPECT_EQ(read_all(), expected);
}

TEST_F(LogFaults, ShortWriteIsTruncatedAway) {
  append(3);
  auto size = fs.contents(seg(0)).size();
  fs.fail_write(1, errc::io_error, 100);
  auto x = try_append(3);
  ASSERT_FALSE(x);
  EXPECT_TRUE(has_code(x.error(), errc::io_error));
  EXPECT_EQ(fs.contents(seg(0)).size(), size);
  EXPECT_TRUE(has_code(try_append(1).error(), errc::log_failed));
  EXPECT_EQ(read_all(), expected);
}

TEST_F(LogFaults, ShortWriteThatSurvivesACrashIsDroppedOnOpen) {
  append(3);
  ASSERT_FALSE(log->sync());
  fs.fail_write(1, errc::io_error, 100);
  ASSERT_FALSE(try_append(3));
  // The truncate happened only in the page cache; a crash may bring the
  // partial write back. Recovery must drop it.
  auto synced = fs.contents(seg(0));
  log.reset();
  fs.set_contents(seg(0), synced + payload_for(1, 100));
  ASSERT_FALSE(reopen());
  EXPECT_EQ(log->stats().recovered_bytes_dropped, 100u);
  EXPECT_EQ(read_all(), expected);
}

TEST_F(LogFaults, FsyncFailureFailsTheLogAndKeepsDurableEnd) {
  append(2);
  ASSERT_FALSE(log->sync());
  append(2);
  fs.fail_sync(1);
  auto err = log->sync();
  EXPECT_TRUE(has_code(err, errc::io_error)) << render(err);
  EXPECT_EQ(log->durable_end_offset(), 2);
  EXPECT_TRUE(has_code(try_append(1).error(), errc::log_failed));
  EXPECT_TRUE(has_code(log->sync(), errc::log_failed));
  EXPECT_EQ(read_all(), expected);
  // After a power loss only the durable records are guaranteed.
  log.reset();
  fs.power_loss();
  ASSERT_FALSE(reopen());
  EXPECT_EQ(log->end_offset(), 2);
  expected.resize(2);
  EXPECT_EQ(read_all(), expected);
}

TEST_F(LogFaults, FailureDuringSegmentRollFailsTheAppend) {
  opts.segment_bytes = 4096;
  ASSERT_FALSE(reopen());
  fill_segments(1);
  while (log->stats().bytes + 812 <= 4096)
    append(5);
  fs.fail_sync(1); // the roll's fdatasync of the full segment
  auto x = try_append(5);
  ASSERT_FALSE(x);
  EXPECT_TRUE(has_code(x.error(), errc::io_error));
  EXPECT_TRUE(log->failed());
  EXPECT_EQ(log->stats().segments, 1u);
  EXPECT_EQ(read_all(), expected);
}

TEST_F(LogFaults, OpenReportsIoErrors) {
  log.reset();
  fs.fail_sync(1); // creating the directories syncs their parents
  auto x = partition_log::open(fs, "/data/other/0", opts);
  ASSERT_FALSE(x);
  EXPECT_TRUE(has_code(x.error(), errc::io_error));
}
