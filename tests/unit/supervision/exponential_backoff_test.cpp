#include "runtime/supervision/exponential_backoff.hpp"

#include <gtest/gtest.h>

#include "runtime/config/node_config.hpp"
#include "runtime/supervision/policy_from_options.hpp"

using namespace std::chrono_literals;
using actorbus::supervision::backoff_policy;
using actorbus::supervision::exponential_backoff;

namespace {

using time_point = exponential_backoff::time_point;

backoff_policy no_jitter() {
  backoff_policy p;
  p.min = 10ms;
  p.max = 5s;
  p.jitter = 0.0;
  p.reset_after = 30s;
  return p;
}

} // namespace

TEST(ExponentialBackoff, DoublesPerAttempt) {
  exponential_backoff b{no_jitter(), 1};
  time_point t{};
  b.on_started(t);
  caf::timespan expected = 10ms;
  for (int i = 0; i < 9; ++i) {
    auto d = b.next(t + std::chrono::milliseconds{i});
    EXPECT_EQ(d, expected) << "attempt " << i;
    expected *= 2;
  }
  EXPECT_EQ(b.attempts(), 9u);
}

TEST(ExponentialBackoff, CapsAtMax) {
  exponential_backoff b{no_jitter(), 1};
  time_point t{};
  std::vector<caf::timespan> seen;
  for (int i = 0; i < 12; ++i)
    seen.push_back(b.next(t));
  // 10ms * 2^9 = 5.12s > 5s: capped from the 10th attempt on.
  EXPECT_EQ(seen[8], 2560ms);
  EXPECT_EQ(seen[9], 5s);
  EXPECT_EQ(seen[11], 5s);
  // Huge attempt numbers do not overflow.
  EXPECT_EQ(b.base_delay(1000), 5s);
}

TEST(ExponentialBackoff, JitterStaysWithinBoundsOverManySeeds) {
  auto p = no_jitter();
  p.jitter = 0.25;
  caf::timespan lowest = 1h, highest = 0s;
  for (uint64_t seed = 1; seed <= 500; ++seed) {
    exponential_backoff b{p, seed};
    for (size_t n = 0; n < 12; ++n) {
      auto base = b.base_delay(n);
      auto d = b.next(time_point{});
      auto lo = std::chrono::duration_cast<caf::timespan>(base * 0.75);
      auto hi = std::min(std::chrono::duration_cast<caf::timespan>(base * 1.25),
                         p.max);
      ASSERT_GE(d, lo) << "seed " << seed << " attempt " << n;
      ASSERT_LE(d, hi) << "seed " << seed << " attempt " << n;
      if (n == 0) {
        lowest = std::min(lowest, d);
        highest = std::max(highest, d);
      }
    }
  }
  // The jitter really spreads the delays over most of its range.
  EXPECT_LT(lowest, 8ms);
  EXPECT_GT(highest, 12ms);
}

TEST(ExponentialBackoff, SameSeedSameDelays) {
  auto p = no_jitter();
  p.jitter = 0.5;
  exponential_backoff a{p, 42}, b{p, 42}, c{p, 43};
  bool differs = false;
  for (int i = 0; i < 8; ++i) {
    auto x = a.next(time_point{});
    EXPECT_EQ(x, b.next(time_point{}));
    differs = differs || x != c.next(time_point{});
  }
  EXPECT_TRUE(differs);
}

TEST(ExponentialBackoff, ResetsAfterStablePeriod) {
  exponential_backoff b{no_jitter(), 1};
  time_point t{};
  b.on_started(t);
  EXPECT_EQ(b.next(t + 1s), 10ms);
  b.on_started(t + 1s);
  EXPECT_EQ(b.next(t + 2s), 20ms);
  b.on_started(t + 2s);
  EXPECT_EQ(b.next(t + 3s), 40ms);
  // This instance runs 29.999s: not stable yet.
  b.on_started(t + 3s);
  EXPECT_EQ(b.next(t + 3s + 29999ms), 80ms);
  // This one runs exactly reset_after: back to min.
  b.on_started(t + 40s);
  EXPECT_EQ(b.next(t + 70s), 10ms);
  EXPECT_EQ(b.attempts(), 1u);
}

TEST(ExponentialBackoff, PolicyFromNodeConfigOptions) {
  actorbus::supervision_options opts;
  opts.max_restarts = 3;
  opts.restart_window = 7s;
  opts.backoff_min = 5ms;
  opts.backoff_max = 1s;
  opts.backoff_jitter = 0.1;
  opts.backoff_reset = 12s;
  auto b = actorbus::supervision::backoff_from(opts);
  EXPECT_EQ(b.min, 5ms);
  EXPECT_EQ(b.max, 1s);
  EXPECT_DOUBLE_EQ(b.jitter, 0.1);
  EXPECT_EQ(b.reset_after, 12s);
  auto i = actorbus::supervision::intensity_from(opts);
  EXPECT_EQ(i.max_restarts, 3u);
  EXPECT_EQ(i.window, 7s);
}
