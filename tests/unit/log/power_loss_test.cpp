// Power-loss tests in the style of leveldb's fault_injection_test: run a
// seeded random workload on the fault-injecting file system, cut the power
// at a seeded point (dropping or tearing everything not yet synced), reopen,
// and check that every record reported durable reads back byte for byte and
// that nothing else but whole, intact appended records is visible.
#include <random>

#include "tests/unit/log/log_test_support.hpp"

using namespace actorbus;
using namespace actorbus::log;
using namespace actorbus::log::test;

namespace {

class PowerLoss : public log_fixture {
public:
  /// Runs `steps` random operations (append, sync, clean restart) and
  /// tracks the highest offset the log reported durable.
  void run_workload(std::mt19937_64& rng, size_t steps) {
    for (size_t i = 0; i < steps; ++i) {
      auto op = rng() % 10;
      if (op < 7) {
        append(1 + rng() % 12, rng() % 400);
      } else if (op < 9) {
        ASSERT_FALSE(log->sync());
      } else {
        ASSERT_FALSE(reopen()); // a clean restart in between
      }
      durable = std::max(durable, log->durable_end_offset());
    }
  }

  void check_after_crash(uint64_t torn_seed) {
    log.reset();
    fs.power_loss(torn_seed);
    auto err = reopen();
    ASSERT_FALSE(err) << render(err);
    ASSERT_GE(log->end_offset(), durable);
    ASSERT_LE(log->end_offset(), static_cast<int64_t>(expected.size()));
    auto got = read_all(4096);
    ASSERT_EQ(got.size(), static_cast<size_t>(log->end_offset()));
    for (size_t i = 0; i < got.size(); ++i)
      ASSERT_EQ(got[i], expected[i]) << "offset " << i;
    // The log keeps working after recovery.
    expected.resize(got.size());
    append(3, 50);
    ASSERT_FALSE(log->sync());
    ASSERT_FALSE(reopen());
    EXPECT_EQ(read_all(4096), expected);
  }

  int64_t durable = 0;
};

} // namespace

TEST_F(PowerLoss, DurableRecordsSurviveCleanCuts) {
  for (uint64_t seed = 1; seed <= 150; ++seed) {
    SCOPED_TRACE("seed=" + std::to_string(seed));
    fs = fault_injecting_file_system{};
    expected.clear();
    durable = 0;
    opts.segment_bytes = 2048 + (seed % 4) * 1024;
    ASSERT_FALSE(reopen());
    std::mt19937_64 rng{seed};
    run_workload(rng, 5 + rng() % 60);
    check_after_crash(0);
    if (HasFatalFailure())
      return;
  }
}

TEST_F(PowerLoss, DurableRecordsSurviveTornWrites) {
  size_t dropped_somewhere = 0;
  for (uint64_t seed = 1; seed <= 150; ++seed) {
    SCOPED_TRACE("seed=" + std::to_string(seed));
    fs = fault_injecting_file_system{};
    expected.clear();
    durable = 0;
    opts.segment_bytes = 2048 + (seed % 4) * 1024;
    ASSERT_FALSE(reopen());
    std::mt19937_64 rng{seed};
    run_workload(rng, 5 + rng() % 60);
    log.reset();
    fs.power_loss(seed);
    auto err = reopen();
    ASSERT_FALSE(err) << render(err);
    dropped_somewhere += log->stats().recovered_bytes_dropped > 0;
    ASSERT_GE(log->end_offset(), durable);
    auto got = read_all(4096);
    ASSERT_EQ(got.size(), static_cast<size_t>(log->end_offset()));
    for (size_t i = 0; i < got.size(); ++i)
      ASSERT_EQ(got[i], expected[i]) << "offset " << i;
  }
  // The torn cuts really exercised the truncation path.
  EXPECT_GT(dropped_somewhere, 20u);
}

TEST_F(PowerLoss, CutsAfterFailedFsyncKeepOnlyDurableRecords) {
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    SCOPED_TRACE("seed=" + std::to_string(seed));
    fs = fault_injecting_file_system{};
    expected.clear();
    durable = 0;
    ASSERT_FALSE(reopen());
    std::mt19937_64 rng{seed};
    run_workload(rng, 5 + rng() % 30);
    append(2); // may roll, which syncs
    durable = std::max(durable, log->durable_end_offset());
    fs.fail_sync(1);
    EXPECT_TRUE(log->sync());
    EXPECT_EQ(log->durable_end_offset(), durable);
    check_after_crash(seed);
  }
}
