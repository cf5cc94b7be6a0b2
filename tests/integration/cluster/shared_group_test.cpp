// Payment on two service nodes: both join the payment group, the broker
// splits the partitions of `orders` between them; when one node freezes
// (SIGSTOP: only the heartbeats can tell) and is then killed, its
// partitions move to the other and the shop's invariants still pass.
#include <gtest/gtest.h>

#include <csignal>
#include <set>
#include <thread>

#include <boost/json.hpp>

#include "runtime/admin/ctl_client.hpp"
#include "tests/integration/cluster/cluster_fixture.hpp"

using namespace actorbus;
using namespace actorbus::test;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

/// The members of group `payment` on topic `orders` (member -> partitions)
/// from the broker node's GET /groups; empty on any error.
std::map<std::string, std::set<int64_t>>
payment_members(const std::string& admin) {
  std::map<std::string, std::set<int64_t>> out;
  auto addr = admin::parse_node_address(admin);
  if (!addr)
    return out;
  admin::ctl_client client{*addr, "", 5000ms};
  auto reply = client.request("GET", "/groups");
  if (!reply || reply->status != 200)
    return out;
  boost::system::error_code ec;
  auto doc = json::parse(reply->body, ec);
  if (ec)
    return out;
  for (auto& g : doc.at("groups").as_array()) {
    if (g.at("group") != "payment" || g.at("topic") != "orders")
      continue;
    for (auto& m : g.at("members").as_array()) {
      auto& parts = out[json::value_to<std::string>(m.at("member"))];
      for (auto& p : m.at("partitions").as_array())
        parts.insert(p.as_int64());
    }
  }
  return out;
}

/// Polls payment_members until `pred` holds or `deadline` passes; returns
/// the last answer.
template <class Pred>
std::map<std::string, std::set<int64_t>>
wait_members(const std::string& admin, std::chrono::milliseconds deadline,
             Pred pred) {
  auto until = std::chrono::steady_clock::now() + deadline;
  auto members = payment_members(admin);
  while (!pred(members) && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(50ms);
    members = payment_members(admin);
  }
  return members;
}

/// Whether a member (an actor address "id@<node>#<pid>") lives in `pid`.
bool runs_in(const std::string& member, pid_t pid) {
  auto suffix = "#" + std::to_string(pid);
  return member.size() > suffix.size()
         && member.compare(member.size() - suffix.size(), suffix.size(), suffix)
              == 0;
}

} // namespace

TEST(ClusterSharedGroup, PaymentOnTwoNodesSharesPartitionsAndTakesOverOnKill) {
  cluster c;
  // A long fsync period keeps many handled inputs of payment-2 unacked (its
  // effect appended, the ack waiting for durability) when it freezes: the
  // survivor must recognise them instead of charging twice.
  c.start_broker("0", {"--broker.sync-interval=200ms"});
  c.orders = c.start_service("orders", orders_roles);
  c.fulfilment = c.start_service("fulfilment", fulfilment_roles);
  auto payment2 = c.start_service("payment-2", "\"payment\"");
  auto split = wait_members(c.broker_admin, 30s, [](auto& ms) {
    return ms.size() == 2 && !ms.begin()->second.empty()
           && !ms.rbegin()->second.empty();
  });
  ASSERT_EQ(split.size(), 2u) << c.broker->output();
  std::set<int64_t> all;
  size_t total = 0;
  for (auto& [member, parts] : split) {
    EXPECT_TRUE(runs_in(member, c.orders->pid())
                || runs_in(member, payment2->pid()))
      << member;
    EXPECT_FALSE(parts.empty()) << member;
    total += parts.size();
    all.insert(parts.begin(), parts.end());
  }
  EXPECT_EQ(total, all.size()) << "a partition has two owners";
  auto load = c.start_load(400, {"--target-rate", "200", "--progress-every",
                                 "100ms"});
  ASSERT_TRUE(load->wait_for_line(
    std::regex{"^progress orders=([1-9][0-9]{2,})"}, 60s))
    << load->output();
  // Frozen first: its TCP connection stays open, so only the heartbeats
  // (connection-timeout=1500ms in node_ini) can tell that it is gone.
  payment2->signal(SIGSTOP);
  auto frozen_at = std::chrono::steady_clock::now();
  auto alone = wait_members(c.broker_admin, 30s, [&](auto& ms) {
    return ms.size() == 1 && runs_in(ms.begin()->first, c.orders->pid())
           && ms.begin()->second == all;
  });
  auto took = std::chrono::steady_clock::now() - frozen_at;
  RecordProperty(
    "takeover_ms",
    static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(took).count()));
  payment2->signal(SIGKILL);
  ASSERT_EQ(alone.size(), 1u) << c.broker->output();
  EXPECT_TRUE(runs_in(alone.begin()->first, c.orders->pid()));
  EXPECT_EQ(alone.begin()->second, all);
  // Detected after connection-timeout (1.5s) plus a heartbeat; generous
  // bound for a loaded machine.
  EXPECT_LT(took, 10s);
  EXPECT_TRUE(c.broker->wait_for_line(
    std::regex{"gateway: node left node=payment-2"}, 10s))
    << c.broker->output();
  auto rc = load->wait_exit(120s);
  ASSERT_TRUE(rc.has_value()) << load->output();
  EXPECT_EQ(*rc, 0) << load->output() << c.orders->output();
  EXPECT_EQ(load->output().find("FAIL"), std::string::npos) << load->output();
}
