#include <gtest/gtest.h>

#include "runtime/clock.hpp"

using namespace actorbus;
using namespace std::chrono_literals;

TEST(ManualClock, MovesOnlyWhenAdvanced) {
  manual_clock clk;
  auto w0 = clk.wall_now();
  auto m0 = clk.mono_now();
  EXPECT_EQ(clk.wall_now(), w0);
  clk.advance(250ms);
  EXPECT_EQ(clk.wall_now() - w0, 250ms);
  EXPECT_EQ(clk.mono_now() - m0, 250ms);
  clk.advance(-1s);
  EXPECT_EQ(clk.mono_now() - m0, 250ms);
}

TEST(SystemClock, MonotonicNeverGoesBack) {
  auto& clk = system_clock::instance();
  auto a = clk.mono_now();
  auto b = clk.mono_now();
  EXPECT_LE(a, b);
}
