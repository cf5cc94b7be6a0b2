// A real actorbus-node: reset-offsets and dead-letter replay through
// actorbusctl, and bad HTTP requests that get 4xx while the node keeps
// serving /status.
#include <gtest/gtest.h>

#include <thread>

#include <boost/json.hpp>

#include "tests/integration/admin/node_fixture.hpp"
#include "tests/integration/admin/raw_client.hpp"

using namespace actorbus::test;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

struct group_offsets {
  std::string group;
  std::string topic;
  int64_t committed = 0;
  int64_t end = 0;
};

std::vector<group_offsets> groups_of(const json::value& doc) {
  std::vector<group_offsets> out;
  for (auto& g : doc.at("groups").as_array()) {
    group_offsets x{json::value_to<std::string>(g.at("group")),
                    json::value_to<std::string>(g.at("topic")), 0, 0};
    for (auto& p : g.at("partitions").as_array()) {
      x.committed += p.at("committed").to_number<int64_t>();
      x.end += p.at("end_offset").to_number<int64_t>();
    }
    out.push_back(x);
  }
  return out;
}

std::optional<group_offsets> find(const std::vector<group_offsets>& gs,
                                  const group_offsets& which) {
  for (auto& g : gs)
    if (g.group == which.group && g.topic == which.topic)
      return g;
  return std::nullopt;
}

/// Events the services looked at: handled plus recognised duplicates.
double services_seen(node_fixture& f) {
  auto body = body_of(f.get("/metrics"));
  return metric_sum(body, "actorbus_service_handled")
         + metric_sum(body, "actorbus_service_duplicates");
}

void expect_status_still_served(node_fixture& f) {
  auto res = f.get("/status");
  EXPECT_EQ(status_of(res), 200u) << res;
  EXPECT_EQ(json::parse(body_of(res)).at("node"), "solo") << res;
}

json::value error_of(const std::string& res) {
  return json::parse(body_of(res));
}

} // namespace

TEST(NodeAdmin, ResetOffsetsThroughCtlMakesTheGroupReprocess) {
  node_fixture f;
  f.load(10);
  // Cart on cart-commands: its type filter names every type of that topic,
  // so each committed event was one delivery (other groups pass over types
  // they do not handle, and their commits count those too).
  auto before = groups_of(f.get_json("/groups"));
  ASSERT_FALSE(before.empty());
  auto target = before.front();
  for (auto& g : before)
    if (g.group == "cart" && g.topic == "cart-commands")
      target = g;
  ASSERT_EQ(target.group, "cart");
  ASSERT_GT(target.committed, 0);
  auto seen = services_seen(f);
  auto [rc, out] = f.ctl({"--json", "reset-offsets", target.group, target.topic,
                          "--to", "earliest"});
  ASSERT_EQ(rc, 0) << out;
  auto doc = json::parse(out);
  EXPECT_EQ(doc.at("group"), target.group.c_str());
  int64_t old_sum = 0;
  for (auto& p : doc.at("partitions").as_array()) {
    old_sum += p.at("old_offset").to_number<int64_t>();
    EXPECT_EQ(p.at("new_offset").to_number<int64_t>(), 0) << out;
  }
  EXPECT_EQ(old_sum, target.committed) << out;
  // The group reads its topic again from the start and catches up.
  auto caught_up = false;
  for (auto give_up = std::chrono::steady_clock::now() + 30s;
       !caught_up && std::chrono::steady_clock::now() < give_up;) {
    auto now = find(groups_of(f.get_json("/groups")), target);
    ASSERT_TRUE(now);
    caught_up = now->committed >= target.committed;
    if (!caught_up)
      std::this_thread::sleep_for(100ms);
  }
  EXPECT_TRUE(caught_up) << body_of(f.get("/groups"));
  EXPECT_GE(services_seen(f) - seen, static_cast<double>(target.committed));
  // Unknown group, unknown topic: one-line errors, exit code 1.
  auto [rc2, out2]
    = f.ctl({"reset-offsets", "ghost", target.topic, "--to", "earliest"});
  EXPECT_EQ(rc2, 1) << out2;
  EXPECT_NE(out2.find("no group 'ghost'"), std::string::npos) << out2;
  auto [rc3, out3]
    = f.ctl({"reset-offsets", target.group, "nope", "--to", "latest"});
  EXPECT_EQ(rc3, 1) << out3;
  EXPECT_NE(out3.find("no topic 'nope'"), std::string::npos) << out3;
  // A bad position that only the node can check (an offset is fine for ctl).
  auto bad = f.request("POST", "/groups/" + target.group + "/topics/"
                                 + target.topic + "/reset-offsets?to=soon");
  EXPECT_EQ(status_of(bad), 400u) << bad;
  EXPECT_EQ(error_of(bad).at("error"), "bad_request") << bad;
}

TEST(NodeAdmin, DlqReplayThroughCtlAnswersWithTheCount) {
  node_fixture f;
  auto [rc, out] = f.ctl({"--json", "dlq", "replay", "orders"});
  ASSERT_EQ(rc, 0) << out;
  auto doc = json::parse(out);
  EXPECT_EQ(doc.at("topic"), "orders");
  EXPECT_EQ(doc.at("dlq_topic"), "orders.dlq");
  // Nothing was dead-lettered on this node (the nonzero case is covered by
  // the NodeActions actor tests).
  EXPECT_EQ(doc.at("replayed").to_number<int64_t>(), 0);
  auto [rc2, out2] = f.ctl({"dlq", "replay", "orders"});
  EXPECT_EQ(rc2, 0) << out2;
  EXPECT_NE(out2.find("replayed 0 event(s) from orders.dlq"), std::string::npos)
    << out2;
  auto [rc3, out3] = f.ctl({"dlq", "replay", "nope"});
  EXPECT_EQ(rc3, 1) << out3;
  EXPECT_NE(out3.find("no topic 'nope'"), std::string::npos) << out3;
}

TEST(NodeAdmin, BadRequestsGet4xxAndTheNodeKeepsServing) {
  node_fixture f;
  for (std::string garbage :
       {std::string{"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15},
        std::string{"HELLO THERE\r\n\r\n"},
        std::string{"GET /status HTTP/1.1\r\nBad Header\r\n\r\n"}}) {
    raw_client c{f.admin_port};
    c.send(garbage);
    auto res = c.read_response(10s);
    EXPECT_EQ(status_of(res), 400u) << res;
    EXPECT_EQ(error_of(res).at("error"), "bad_request") << res;
    EXPECT_TRUE(c.wait_closed(10s));
    expect_status_still_served(f);
  }
  auto unknown = f.get("/no/such/route");
  EXPECT_EQ(status_of(unknown), 404u) << unknown;
  EXPECT_EQ(error_of(unknown).at("error"), "not_found") << unknown;
  auto method = f.request("DELETE", "/status");
  EXPECT_EQ(status_of(method), 405u) << method;
  EXPECT_EQ(error_of(method).at("error"), "method_not_allowed") << method;
  auto kill_get = f.get("/actors/payment/kill");
  EXPECT_EQ(status_of(kill_get), 405u) << kill_get;
  auto bad_query = f.get("/topics/orders/events?max=zero");
  EXPECT_EQ(status_of(bad_query), 400u) << bad_query;
  {
    raw_client big{f.admin_port};
    big.send("GET /status HTTP/1.1\r\nHost: x\r\nX-Big: "
             + std::string(16 * 1024, 'a') + "\r\n\r\n");
    auto res = big.read_response(10s);
    EXPECT_EQ(status_of(res), 431u) << res;
  }
  {
    raw_client gone{f.admin_port};
    gone.send("GET /status HTTP/1.1\r\nHo");
  } // vanishes mid-request
  expect_status_still_served(f);
  // Nobody was killed by any of this.
  auto status = f.get_json("/status");
  for (auto& child : status.at("supervision").as_array())
    EXPECT_EQ(child.at("restarts").to_number<int64_t>(), 0) << child;
}
