// kill -9 of the broker node in the middle of a shop load, and a restart on
// the same data dir and port: the service nodes and shop-load reconnect with
// backoff, nothing acknowledged is lost, the invariants pass.
#include <gtest/gtest.h>

#include <csignal>

#include "tests/integration/cluster/cluster_fixture.hpp"

using namespace actorbus::test;
using namespace std::chrono_literals;

TEST(ClusterBrokerRestart, ServiceNodesReconnectAndNothingAcknowledgedIsLost) {
  cluster c;
  c.start_all();
  // Paced, so that the kill lands while orders are still being placed.
  auto load = c.start_load(500, {"--target-rate", "200", "--progress-every",
                                 "100ms"});
  ASSERT_TRUE(load->wait_for_line(
    std::regex{"^progress orders=([1-9][0-9]{2,})"}, 60s))
    << load->output();
  c.broker->signal(SIGKILL);
  ASSERT_TRUE(c.broker->wait_exit(10s));
  for (auto* node : {c.orders.get(), c.fulfilment.get()})
    EXPECT_TRUE(
      node->wait_for_line(std::regex{"broker-link: lost the broker .*retry_in="},
                          30s))
      << node->output();
  auto old_addr = c.broker_addr;
  c.start_broker(c.broker_port());
  ASSERT_EQ(c.broker_addr, old_addr);
  for (auto* node : {c.orders.get(), c.fulfilment.get()}) {
    EXPECT_TRUE(node->wait_for_line(
      std::regex{"broker-link: connected .*after_failures=[1-9]"}, 30s))
      << node->output();
    EXPECT_TRUE(node->wait_for_line(
      std::regex{"service-host: services started"}, 30s))
      << node->output();
  }
  auto rc = load->wait_exit(120s);
  ASSERT_TRUE(rc.has_value()) << load->output();
  EXPECT_EQ(*rc, 0) << load->output();
  EXPECT_NE(load->output().find("PASS every acknowledged command is in the log"),
            std::string::npos)
    << load->output();
  EXPECT_EQ(load->output().find("FAIL"), std::string::npos) << load->output();
  EXPECT_NE(load->output().find("reconnected to the broker"), std::string::npos)
    << load->output();
}
