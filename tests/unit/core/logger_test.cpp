#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/clock.hpp"
#include "runtime/logging/logger.hpp"

using namespace actorbus;
using namespace std::chrono_literals;

TEST(Logger, LineHasTimeLevelComponentMessageAndFields) {
  manual_clock clk;
  clk.advance(1234ms);
  logging::logger log{logging::level::info, &clk};
  std::vector<std::string> lines;
  log.set_sink([&](std::string_view line) { lines.emplace_back(line); });
  log.log(logging::level::warn, "payment", "restarted",
          {{"attempt", "2/5"}, {"backoff", 200ms}, {"offset", 42}});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "2026-01-01T00:00:01.234Z WARN  payment: restarted "
                      "attempt=2/5 backoff=200ms offset=42");
}

TEST(Logger, LevelFiltersLines) {
  manual_clock clk;
  logging::logger log{logging::level::warn, &clk};
  int n = 0;
  log.set_sink([&](std::string_view) { ++n; });
  log.log(logging::level::info, "x", "dropped");
  log.log(logging::level::error, "x", "kept");
  log.set_level(logging::level::off);
  log.log(logging::level::error, "x", "dropped");
  EXPECT_EQ(n, 1);
}

TEST(Logger, ValuesWithSpacesAreQuoted) {
  auto line = logging::logger::format(
    {}, logging::level::info, "c", "m",
    {{"reason", "exit_reason(kill) now"}, {"empty", ""}, {"q", "say \"hi\""}});
  EXPECT_NE(line.find("reason=\"exit_reason(kill) now\""), std::string::npos);
  EXPECT_NE(line.find("empty=\"\""), std::string::npos);
  EXPECT_NE(line.find("q=\"say \\\"hi\\\"\""), std::string::npos);
}

TEST(Logger, ParseLevel) {
  EXPECT_EQ(logging::parse_level("debug"), logging::level::debug);
  EXPECT_EQ(logging::parse_level("off"), logging::level::off);
  EXPECT_FALSE(logging::parse_level("verbose").has_value());
}

TEST(Logger, DurationsKeepTheirUnit) {
  EXPECT_EQ(logging::field("d", 2s).value, "2s");
  EXPECT_EQ(logging::field("d", 1500us).value, "1.500ms");
  EXPECT_EQ(logging::field("d", 250us).value, "250us");
  EXPECT_EQ(logging::field("d", 7ns).value, "7ns");
  EXPECT_EQ(logging::field("d", 1880236736ns).value, "1.880s");
  EXPECT_EQ(logging::field("d", 12345678ns).value, "12.346ms");
}
