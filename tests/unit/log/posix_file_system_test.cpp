// The POSIX implementation against a real directory, and the partition log
// on top of it across a reopen.
#include <gtest/gtest.h>

#include <future>

#include "runtime/errc.hpp"
#include "runtime/log/partition_log.hpp"
#include "runtime/log/posix_file_system.hpp"
#include "tests/support/temp_dir.hpp"

using namespace actorbus;
using namespace actorbus::log;

TEST(PosixFileSystem, WriteSyncReadRenameRemove) {
  actorbus::test::temp_dir tmp{"actorbus-log"};
  auto& fs = posix_file_system::instance();
  auto dir = join_path(tmp.path(), "a/b");
  ASSERT_FALSE(fs.create_dirs(dir));
  auto w = fs.open_writable(join_path(dir, "f"));
  ASSERT_TRUE(w);
  ASSERT_FALSE((*w)->append("hello world", 11));
  ASSERT_FALSE((*w)->sync());
  ASSERT_FALSE((*w)->truncate(5));
  ASSERT_FALSE((*w)->append("!", 1));
  EXPECT_EQ((*w)->size(), 6u);
  auto r = fs.open_readable(join_path(dir, "f"));
  ASSERT_TRUE(r);
  char buf[16];
  auto n = (*r)->read(0, sizeof(buf), buf);
  ASSERT_TRUE(n);
  EXPECT_EQ(std::string(buf, *n), "hello!");
  EXPECT_EQ(*(*r)->read(4, 8, buf), 2u);
  ASSERT_FALSE(fs.rename(join_path(dir, "f"), join_path(dir, "g")));
  ASSERT_FALSE(fs.sync_dir(dir));
  EXPECT_EQ(*fs.list(dir), std::vector<std::string>{"g"});
  ASSERT_FALSE(fs.remove(join_path(dir, "g")));
  ASSERT_FALSE(fs.remove(join_path(dir, "g"))); // missing is fine
  EXPECT_FALSE(fs.exists(join_path(dir, "g")));
  auto missing = fs.open_readable(join_path(dir, "nope"));
  ASSERT_FALSE(missing);
  EXPECT_TRUE(has_code(missing.error(), errc::io_error));
  EXPECT_NE(render(missing.error()).find("nope"), std::string::npos);
}

TEST(PosixFileSystem, PartitionLogSurvivesReopen) {
  actorbus::test::temp_dir tmp{"actorbus-log"};
  auto& fs = posix_file_system::instance();
  partition_log_options opts;
  opts.topic = "orders";
  opts.segment_bytes = 1024;
  auto dir = partition_dir(tmp.path(), "orders", 0);
  std::vector<record> written;
  {
    auto log = partition_log::open(fs, dir, opts);
    ASSERT_TRUE(log) << render(log.error());
    for (int i = 0; i < 40; ++i) {
      record_batch b;
      b.producer_id = "p";
      b.base_sequence = i;
      record x;
      x.timestamp = i;
      x.payload = std::string(static_cast<size_t>(i) * 3, 'a' + i % 26);
      b.records.push_back(x);
      ASSERT_EQ(*(*log)->append(b), i);
      x.offset = i;
      written.push_back(x);
    }
    ASSERT_FALSE((*log)->sync());
    EXPECT_GT((*log)->stats().segments, 3u);
  }
  auto log = partition_log::open(fs, dir, opts);
  ASSERT_TRUE(log) << render(log.error());
  EXPECT_EQ((*log)->end_offset(), 40);
  auto xs = (*log)->read(0, 1 << 20);
  ASSERT_TRUE(xs);
  EXPECT_EQ(*xs, written);
  EXPECT_EQ(*(*log)->offset_for_timestamp(17), 17);
}

TEST(PosixFileSystem, SyncOnAnotherThreadWhileAppending) {
  actorbus::test::temp_dir tmp{"actorbus-log"};
  auto& fs = posix_file_system::instance();
  partition_log_options opts;
  opts.topic = "orders";
  opts.segment_bytes = 8192; // rolls while syncs are in flight
  auto dir = partition_dir(tmp.path(), "orders", 0);
  auto log = partition_log::open(fs, dir, opts);
  ASSERT_TRUE(log) << render(log.error());
  record_batch b;
  b.records.resize(4);
  for (auto& x : b.records)
    x.payload = std::string(300, 'x');
  std::future<caf::error> inflight;
  caf::expected<pending_sync> p{caf::error{}};
  for (int i = 0; i < 60; ++i) {
    ASSERT_TRUE((*log)->append(b));
    if (inflight.valid()) {
      ASSERT_FALSE((*log)->end_sync(*p, inflight.get()));
      EXPECT_GE((*log)->durable_end_offset(), p->end_offset());
    }
    p = (*log)->begin_sync();
    ASSERT_TRUE(p);
    inflight = std::async(std::launch::async, [&p] { return p->run(); });
  }
  ASSERT_FALSE((*log)->end_sync(*p, inflight.get()));
  EXPECT_EQ((*log)->durable_end_offset(), 240);
  EXPECT_EQ((*log)->stats().segments, 10u); // 6 batches of 1322 bytes each
}
