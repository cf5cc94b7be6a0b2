// A real actorbus-node (broker and all five services) serving its admin
// endpoint: after some orders its /metrics has real fsync, publish-to-durable
// and mailbox numbers and passes promtool, and a kill through actorbusctl
// shows up as a restart in /status.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <boost/json.hpp>

#include "tests/integration/admin/node_fixture.hpp"
#include "tests/integration/admin/raw_client.hpp"

using namespace actorbus::test;
using namespace std::chrono_literals;

namespace {

int promtool_check(const std::string& file, std::string& output) {
  auto cmd = "promtool check metrics < '" + file + "' 2>&1";
  auto* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr)
    return -1;
  char buf[512];
  while (auto n = fread(buf, 1, sizeof(buf), pipe))
    output.append(buf, n);
  auto status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

TEST(NodeAdmin, MetricsOfARunningNodePassPromtool) {
  if (std::system("command -v promtool >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "promtool not installed (Debian package prometheus)";
  node_fixture f;
  f.load(10);
  auto res = f.get("/metrics");
  ASSERT_EQ(status_of(res), 200u) << res;
  auto body = body_of(res);
  EXPECT_NE(body.find("actorbus_log_end_offset{"), std::string::npos) << body;
  EXPECT_NE(body.find("actorbus_supervised_restarts{"), std::string::npos);
  // The orders went through the logs: fsyncs and durable publishes counted.
  EXPECT_GT(metric_sum(body, "actorbus_fsyncs_total"), 0) << body;
  EXPECT_GT(metric_sum(body, "actorbus_fsync_seconds_count"), 0) << body;
  EXPECT_GT(metric_sum(body, "actorbus_fsync_seconds_sum"), 0) << body;
  EXPECT_EQ(metric_sum(body, "actorbus_fsync_seconds_count"),
            metric_sum(body, "actorbus_fsyncs_total"))
    << body;
  EXPECT_GT(metric_sum(body, "actorbus_publish_durable_seconds_count",
                       "topic=\"cart-commands\""),
            0)
    << body;
  EXPECT_GT(metric_sum(body, "actorbus_publish_durable_seconds_bucket",
                       "topic=\"orders\",le=\"+Inf\""),
            0)
    << body;
  EXPECT_TRUE(
    has_metric(body, "actorbus_broker_mailbox_size", "actor=\"broker\""))
    << body;
  EXPECT_TRUE(
    has_metric(body, "actorbus_broker_mailbox_size", "actor=\"partition\""))
    << body;
  EXPECT_TRUE(
    has_metric(body, "actorbus_broker_mailbox_size", "actor=\"coordinator\""))
    << body;
  auto file = f.dir.write_file("metrics.txt", body);
  std::string out;
  EXPECT_EQ(promtool_check(file, out), 0) << out << "\n" << body;
}

TEST(NodeAdmin, KillThroughCtlShowsARestartInStatus) {
  node_fixture f;
  child_process ctl{
    app_path("actorbusctl"),
    {"--node", "127.0.0.1:" + std::to_string(f.admin_port), "kill", "payment"}};
  auto rc = ctl.wait_exit(30s);
  ASSERT_TRUE(rc.has_value());
  EXPECT_EQ(*rc, 0) << ctl.output();
  EXPECT_NE(ctl.output().find("killed payment"), std::string::npos)
    << ctl.output();
  ASSERT_TRUE(f.node->wait_for_line(
    std::regex{"restarted child=payment instance=\\d+ restarts=1"}, 30s))
    << f.node->output();
  auto res = f.get("/status");
  ASSERT_EQ(status_of(res), 200u) << res;
  auto doc = boost::json::parse(body_of(res));
  bool found = false;
  for (auto& child : doc.at("supervision").as_array()) {
    if (child.at("name").as_string() != "payment")
      continue;
    found = true;
    EXPECT_EQ(child.at("restarts").to_number<int64_t>(), 1);
    EXPECT_NE(child.at("last_reason").as_string().find("kill"),
              std::string::npos);
  }
  EXPECT_TRUE(found) << body_of(res);
  child_process unknown{
    app_path("actorbusctl"),
    {"--node", "127.0.0.1:" + std::to_string(f.admin_port), "kill", "ghost"}};
  auto rc2 = unknown.wait_exit(30s);
  ASSERT_TRUE(rc2.has_value());
  EXPECT_NE(*rc2, 0);
}
