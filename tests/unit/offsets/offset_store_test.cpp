#include <gtest/gtest.h>

#include "runtime/errc.hpp"
#include "runtime/log/fault_injecting_file_system.hpp"
#include "runtime/offsets/offset_store.hpp"

using namespace actorbus;
using namespace actorbus::offsets;
using actorbus::log::durability;
using actorbus::log::fault_injecting_file_system;

namespace {

class OffsetStore : public ::testing::Test {
public:
  std::unique_ptr<offset_store> open(durability mode) {
    store.reset();
    auto x = offset_store::open(fs, dir, mode);
    EXPECT_TRUE(x) << render(x.error());
    return x ? std::move(*x) : nullptr;
  }

  fault_injecting_file_system fs;
  std::string dir = "/data/__offsets";
  std::unique_ptr<offset_store> store;
};

} // namespace

TEST_F(OffsetStore, EmptyStoreReturnsMinusOne) {
  store = open(durability::always);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->get("billing", "orders", 0), -1);
  EXPECT_TRUE(store->all().empty());
}

TEST_F(OffsetStore, CommitsSurviveRestartsUnderAlways) {
  store = open(durability::always);
  ASSERT_FALSE(store->commit("billing", "orders", 0, 10));
  ASSERT_FALSE(store->commit("billing", "orders", 1, 7));
  ASSERT_FALSE(store->commit("audit", "orders", 0, 3));
  ASSERT_FALSE(store->commit("billing", "orders", 0, 12));
  store = open(durability::always);
  EXPECT_EQ(store->get("billing", "orders", 0), 12);
  EXPECT_EQ(store->get("billing", "orders", 1), 7);
  EXPECT_EQ(store->get("audit", "orders", 0), 3);
  auto all = store->all();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].key, (offset_key{"audit", "orders", 0}));
  EXPECT_EQ(all[2].offset, 7);
  // A power loss right after commit() returned keeps it (always).
  ASSERT_FALSE(store->commit("audit", "orders", 0, 4));
  fs.power_loss();
  store = open(durability::always);
  EXPECT_EQ(store->get("audit", "orders", 0), 4);
}

TEST_F(OffsetStore, IntervalCommitsAreDurableAfterFlush) {
  store = open(durability::interval);
  ASSERT_FALSE(store->commit("g", "t", 0, 5));
  EXPECT_EQ(store->version(), 1);
  EXPECT_EQ(store->flushed_version(), 0);
  ASSERT_FALSE(store->flush());
  EXPECT_EQ(store->flushed_version(), 1);
  ASSERT_FALSE(store->commit("g", "t", 0, 9)); // not flushed
  fs.power_loss();
  store = open(durability::interval);
  EXPECT_EQ(store->get("g", "t", 0), 5);
}

TEST_F(OffsetStore, FailedFlushKeepsOldSnapshotAndRetries) {
  store = open(durability::always);
  ASSERT_FALSE(store->commit("g", "t", 0, 5));
  fs.fail_sync(1);
  auto err = store->commit("g", "t", 0, 6);
  EXPECT_TRUE(has_code(err, errc::io_error)) << render(err);
  EXPECT_EQ(store->get("g", "t", 0), 6); // kept in memory
  fs.power_loss();
  store = open(durability::always);
  EXPECT_EQ(store->get("g", "t", 0), 5);
  ASSERT_FALSE(store->commit("g", "t", 0, 6));
  fs.fail_write(1, errc::disk_full);
  EXPECT_TRUE(has_code(store->commit("g", "t", 0, 8), errc::disk_full));
  ASSERT_FALSE(store->flush()); // the retry succeeds
  store = open(durability::always);
  EXPECT_EQ(store->get("g", "t", 0), 8);
}

TEST_F(OffsetStore, DamagedSnapshotIsCorruption) {
  store = open(durability::always);
  ASSERT_FALSE(store->commit("g", "t", 0, 5));
  store.reset();
  auto bytes = fs.contents(dir + "/offsets");
  bytes[bytes.size() / 2] ^= 0x10;
  fs.set_contents(dir + "/offsets", bytes);
  auto x = offset_store::open(fs, dir, durability::always);
  ASSERT_FALSE(x);
  EXPECT_TRUE(has_code(x.error(), errc::corrupted_log));
}

TEST_F(OffsetStore, PowerLossAtAnyPointKeepsLastFlushedSnapshot) {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    SCOPED_TRACE("seed=" + std::to_string(seed));
    fs = fault_injecting_file_system{};
    store = open(durability::interval);
    int64_t flushed = -1;
    for (uint64_t i = 0; i < seed % 13 + 1; ++i) {
      ASSERT_FALSE(store->commit("g", "t", 0, static_cast<int64_t>(i)));
      if ((seed + i) % 3 == 0) {
        ASSERT_FALSE(store->flush());
        flushed = static_cast<int64_t>(i);
      }
    }
    fs.power_loss(seed);
    store = open(durability::interval);
    ASSERT_TRUE(store);
    EXPECT_EQ(store->get("g", "t", 0), flushed);
  }
}
