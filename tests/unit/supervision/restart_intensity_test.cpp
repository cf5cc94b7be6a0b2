#include "runtime/supervision/restart_intensity.hpp"

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using actorbus::supervision::intensity_policy;
using actorbus::supervision::restart_intensity;

TEST(RestartIntensity, AllowsMaxRestartsWithinWindow) {
  restart_intensity r{intensity_policy{3, 10s}};
  restart_intensity::time_point t{};
  EXPECT_FALSE(r.exceeded(r.record(t)));
  EXPECT_FALSE(r.exceeded(r.record(t + 1s)));
  EXPECT_EQ(r.record(t + 2s), 3u);
  EXPECT_FALSE(r.exceeded(3));
  auto n = r.record(t + 3s);
  EXPECT_EQ(n, 4u);
  EXPECT_TRUE(r.exceeded(n));
}

TEST(RestartIntensity, OldRestartsLeaveTheWindow) {
  restart_intensity r{intensity_policy{2, 10s}};
  restart_intensity::time_point t{};
  r.record(t);
  r.record(t + 5s);
  // t leaves the window at t + 10s (window is half open).
  EXPECT_EQ(r.record(t + 10s), 2u);
  EXPECT_EQ(r.record(t + 14s), 3u);
  EXPECT_EQ(r.record(t + 100s), 1u);
}

TEST(RestartIntensity, ZeroRestartsGivesUpAtOnce) {
  restart_intensity r{intensity_policy{0, 10s}};
  EXPECT_TRUE(r.exceeded(r.record(restart_intensity::time_point{})));
}
