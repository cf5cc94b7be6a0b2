#include <gtest/gtest.h>

#include <regex>

#include <boost/json/parse.hpp>

#include "runtime/admin/action_json.hpp"
#include "runtime/admin/admin_server.hpp"
#include "runtime/admin/events_json.hpp"
#include "runtime/admin/status_json.hpp"
#include "tests/integration/admin/raw_client.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace actorbus;
using namespace actorbus::admin;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

constexpr auto deadline = 10s;

struct ctl_run {
  int exit_code;
  std::string output;
};

ctl_run run_ctl_binary(std::vector<std::string> args) {
  test::child_process proc{test::app_path("actorbusctl"), std::move(args)};
  auto code = proc.wait_exit(deadline);
  EXPECT_TRUE(code.has_value())
    << "actorbusctl did not exit: " << proc.output();
  return {code.value_or(-1), proc.output()};
}

/// A stand-in node: serves canned documents the way the real node will.
class CtlAgainstServer : public ::testing::Test {
protected:
  void SetUp() override {
    srv.route("GET", "/status", [](const http_request&, responder reply) {
      node_status st;
      st.node = "node-1";
      st.uptime_s = 61;
      st.topics = {{"orders", {{0, 0, 120, 4096, 1}}}};
      st.groups = {
        {"billing", "orders", {{"billing-1", {0}, 2}}, {{0, 118, 120, 2}}, {}}};
      st.supervision
        = {{"payment", "shop-sup", "running", 42, 3, "exit_reason(kill)"}};
      reply(http_response::json(200, json::value_from(st)));
    });
    srv.route(
      "POST", "/actors/<name>/kill",
      [](const http_request& req, responder reply) {
        if (req.param("name") != "payment")
          return reply(http_response::error(
            404, "not_found", "no actor named '" + req.param("name") + "'"));
        reply(http_response::json(
          200, json::value_from(kill_result{"payment", 42})));
      });
    srv.route("GET", "/topics/<topic>/events",
              [](const http_request& req, responder reply) {
                auto q = parse_events_query(req);
                if (!q)
                  return reply(http_response::error(400, "bad_request", "q"));
                events_page page;
                page.topic = req.param("topic");
                // Two pages: offsets 0..1, then 2; a cursor marks the second.
                int64_t first = q->resume.empty() ? 0 : q->resume.at(0);
                for (int64_t o = first; o < std::min<int64_t>(first + 2, 3);
                     ++o) {
                  event_record ev;
                  ev.offset = o;
                  ev.type = "order_placed";
                  ev.key = "k" + std::to_string(o);
                  ev.data = {{"n", o}};
                  page.events.push_back(ev);
                }
                page.next = {{0, first + int64_t(page.events.size())}};
                reply(http_response::json(200, json::value_from(page)));
              });
    srv.route("GET", "/topics", [](const http_request&, responder) {
      // Never answers (before the server's own 5 s handler timeout).
    });
    ASSERT_FALSE(srv.start());
    node = "--node=127.0.0.1:" + std::to_string(srv.port());
  }

  admin_server srv{server_options{}};
  std::string node;
};

} // namespace

TEST(Ctl, UnreachableNodeIsOneLineAndNonZeroExit) {
  auto port = std::to_string(test::unused_port());
  auto res = run_ctl_binary({"status", "--node", "127.0.0.1:" + port});
  EXPECT_EQ(res.exit_code, 1);
  EXPECT_EQ(res.output, "actorbusctl: cannot reach node at 127.0.0.1:" + port
                          + ": Connection refused\n");
}

TEST(Ctl, NodeFromConfigFile) {
  test::temp_dir dir{"ctl"};
  auto port = std::to_string(test::unused_port());
  auto file = dir.write_file("node.conf", "[admin]\nport=" + port + "\n");
  auto res = run_ctl_binary({"topics", "--config-file=" + file});
  EXPECT_EQ(res.exit_code, 1);
  EXPECT_NE(res.output.find("cannot reach node at 127.0.0.1:" + port),
            std::string::npos)
    << res.output;
}

TEST(Ctl, UsageErrorExitsWith2) {
  auto res = run_ctl_binary({"kill"});
  EXPECT_EQ(res.exit_code, 2);
  EXPECT_EQ(std::count(res.output.begin(), res.output.end(), '\n'), 1)
    << res.output;
}

TEST_F(CtlAgainstServer, StatusPrintsTables) {
  auto res = run_ctl_binary({"status", node});
  EXPECT_EQ(res.exit_code, 0) << res.output;
  EXPECT_NE(res.output.find("node node-1  uptime 61.0s\n"), std::string::npos)
    << res.output;
  EXPECT_TRUE(std::regex_search(
    res.output, std::regex{"\npayment +shop-sup +running +42 +3 +"
                           "exit_reason\\(kill\\)\n"}))
    << res.output;
  EXPECT_TRUE(std::regex_search(
    res.output, std::regex{"\nbilling +orders +0 +118 +120 +2\n"}))
    << res.output;
}

TEST_F(CtlAgainstServer, JsonPrintsTheRawDocument) {
  auto res = run_ctl_binary({"--json", "status", node});
  EXPECT_EQ(res.exit_code, 0) << res.output;
  auto doc = json::parse(res.output);
  EXPECT_EQ(doc.at("supervision").at(0).at("restarts"), 3);
}

TEST_F(CtlAgainstServer, KillKnownAndUnknownActor) {
  auto res = run_ctl_binary({"kill", "payment", node});
  EXPECT_EQ(res.exit_code, 0) << res.output;
  EXPECT_EQ(res.output, "killed payment (instance 42)\n");
  res = run_ctl_binary({"kill", "ghost", node});
  EXPECT_EQ(res.exit_code, 1);
  EXPECT_EQ(res.output,
            "actorbusctl: no actor named 'ghost' (404 not_found)\n");
}

TEST_F(CtlAgainstServer, MissingRouteIsAnError) {
  auto res = run_ctl_binary({"dlq", "replay", "orders", node});
  EXPECT_EQ(res.exit_code, 1);
  EXPECT_NE(res.output.find("(404 not_found)"), std::string::npos)
    << res.output;
}

TEST_F(CtlAgainstServer, SilentNodeTimesOut) {
  auto res = run_ctl_binary({"topics", "--timeout=300ms", node});
  EXPECT_EQ(res.exit_code, 1);
  EXPECT_EQ(res.output,
            "actorbusctl: node at 127.0.0.1:" + std::to_string(srv.port())
              + " did not answer within 300ms\n");
}

TEST_F(CtlAgainstServer, TailFollowsTheCursorAcrossPages) {
  auto res = run_ctl_binary({"tail", "orders", "--max=2", node});
  EXPECT_EQ(res.exit_code, 0) << res.output;
  std::vector<json::value> lines;
  std::istringstream in{res.output};
  for (std::string line; std::getline(in, line);)
    lines.push_back(json::parse(line));
  ASSERT_EQ(lines.size(), 3u) << res.output;
  for (int64_t i = 0; i < 3; ++i) {
    EXPECT_EQ(lines[i].at("offset"), i);
    EXPECT_EQ(lines[i].at("topic"), "orders");
    EXPECT_EQ(lines[i].at("data").at("n"), i);
  }
}
