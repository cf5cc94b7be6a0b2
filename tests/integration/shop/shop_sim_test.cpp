// Runs the real shop-sim: with chaos (kills and crashing handlers) every
// invariant holds; after a SIGKILL mid-run, --resume finishes every order.
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace actorbus::test;
using namespace std::chrono_literals;

namespace {

std::string config() {
  return std::string{ACTORBUS_SOURCE_DIR} + "/configs/single-node.ini";
}

boost::json::value read_json(const std::string& path) {
  std::ifstream in{path};
  std::stringstream buf;
  buf << in.rdbuf();
  return boost::json::parse(buf.str());
}

} // namespace

TEST(ShopSim, ChaosKillsAndCrashesKeepEveryInvariant) {
  temp_dir dir;
  auto report = dir / "report.json";
  child_process p{app_path("shop-sim"),
                  {"--config-file=" + config(), "--orders", "1500",
                   "--chaos-kill", "payment,inventory,order", "--chaos-every",
                   "50ms", "--chaos-crash-rate", "0.01", "--report", report,
                   "--broker.default-partitions=4",
                   "--node.data-dir=" + (dir / "data"), "--log.level=warn"}};
  auto rc = p.wait_exit(180s);
  ASSERT_TRUE(rc.has_value()) << p.output();
  EXPECT_EQ(*rc, 0) << p.output();
  EXPECT_NE(p.output().find("PASS"), std::string::npos) << p.output();
  EXPECT_EQ(p.output().find("FAIL"), std::string::npos) << p.output();
  auto doc = read_json(report);
  EXPECT_TRUE(doc.at("passed").as_bool());
  auto& restarts = doc.at("restarts").as_object();
  EXPECT_GE(restarts.at("payment").at("kills").to_number<int64_t>(), 1);
  EXPECT_GE(restarts.at("payment").at("restarts").to_number<int64_t>(), 1);
  EXPECT_GE(restarts.at("inventory").at("restarts").to_number<int64_t>(), 1);
}

TEST(ShopSim, SigkillMidRunThenResumeFinishesEveryOrder) {
  temp_dir dir;
  auto data = dir / "data";
  {
    child_process p{app_path("shop-sim"),
                    {"--config-file=" + config(), "--orders", "4000",
                     "--target-rate", "800", "--node.data-dir=" + data,
                     "--progress-every", "100ms"}};
    ASSERT_TRUE(p.wait_for_line(std::regex{"placed=[1-9][0-9]{2,}"}, 60s))
      << p.output();
    p.signal(SIGKILL);
    auto rc = p.wait_exit(10s);
    ASSERT_TRUE(rc.has_value());
    EXPECT_EQ(*rc, 128 + SIGKILL);
  }
  auto report = dir / "report.json";
  child_process q{app_path("shop-sim"),
                  {"--config-file=" + config(), "--orders", "4000",
                   "--node.data-dir=" + data, "--resume", "--report", report,
                   "--log.level=warn"}};
  auto rc = q.wait_exit(180s);
  ASSERT_TRUE(rc.has_value()) << q.output();
  EXPECT_EQ(*rc, 0) << q.output();
  auto doc = read_json(report);
  EXPECT_TRUE(doc.at("passed").as_bool()) << q.output();
  EXPECT_EQ(doc.at("orders").at("placed").to_number<int64_t>(), 4000);
}

TEST(ShopSim, ResumeWithoutDataDirIsAConfigError) {
  child_process p{app_path("shop-sim"),
                  {"--config-file=" + config(), "--resume"}};
  auto rc = p.wait_exit(30s);
  ASSERT_TRUE(rc.has_value());
  EXPECT_EQ(*rc, 2);
  EXPECT_NE(p.output().find("expected --data-dir"), std::string::npos)
    << p.output();
}

TEST(ShopSim, CustomersWaitWhileTooManyOrdersAreOpen) {
  temp_dir dir;
  child_process p{app_path("shop-sim"),
                  {"--config-file=" + config(), "--orders", "5000",
                   "--max-open-orders", "100", "--progress-every", "10ms",
                   "--node.data-dir=" + (dir / "data"), "--log.level=warn"}};
  auto rc = p.wait_exit(180s);
  ASSERT_TRUE(rc.has_value()) << p.output();
  EXPECT_EQ(*rc, 0) << p.output();
  // One batch of customer commands (256, so at most 256 checkouts) may go
  // out after the last check. Without the limit this run opens 500-1,000
  // orders at once on a 2-core machine.
  std::regex line{"placed=([0-9]+) confirmed=([0-9]+) cancelled=([0-9]+)"};
  auto text = p.output();
  int lines = 0;
  int64_t most_open = 0;
  for (std::sregex_iterator i{text.begin(), text.end(), line}, end; i != end;
       ++i) {
    ++lines;
    int64_t open = std::stoll((*i)[1]) - std::stoll((*i)[2])
                   - std::stoll((*i)[3]);
    most_open = std::max(most_open, open);
  }
  EXPECT_GE(lines, 3) << text;
  EXPECT_LE(most_open, 100 + 256) << text;
}
