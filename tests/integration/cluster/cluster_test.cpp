// Three real actorbus-node processes on 127.0.0.1 (broker, orders,
// fulfilment) driven by shop-load; each test has its own temp dir and
// ports chosen by the OS.
#include <gtest/gtest.h>

#include <csignal>

#include "tests/integration/cluster/cluster_fixture.hpp"

using namespace actorbus::test;
using namespace std::chrono_literals;

TEST(Cluster, ThreeNodesRunTheShopAndTheInvariantsPass) {
  cluster c;
  c.start_all();
  EXPECT_EQ(c.load(400), 0) << c.last_load_output;
}

TEST(Cluster, KilledFulfilmentNodeRestartsAndTheInvariantsPass) {
  cluster c;
  c.start_all();
  // Paced, so that the kill lands while orders are still being placed.
  auto load = c.start_load(400, {"--target-rate", "200", "--progress-every",
                                 "100ms"});
  ASSERT_TRUE(load->wait_for_line(
    std::regex{"^progress orders=([1-9][0-9]{2,})"}, 60s))
    << load->output();
  c.fulfilment->signal(SIGKILL);
  ASSERT_TRUE(c.fulfilment->wait_exit(10s));
  c.fulfilment = c.start_service("fulfilment", fulfilment_roles);
  auto rc = load->wait_exit(120s);
  ASSERT_TRUE(rc.has_value()) << load->output();
  EXPECT_EQ(*rc, 0) << load->output();
  EXPECT_EQ(load->output().find("FAIL"), std::string::npos) << load->output();
}

TEST(Cluster, SecondNodeWithTheSameNameIsRefused) {
  cluster c;
  c.start_broker();
  c.orders = c.start_service("orders", orders_roles);
  auto twin = c.start("orders-2", node_ini("orders", "\"cart\"", ""),
                      {"--cluster.broker=" + c.broker_addr});
  auto rc = twin->wait_exit(30s);
  ASSERT_TRUE(rc.has_value()) << twin->output();
  EXPECT_EQ(*rc, 2);
  EXPECT_NE(twin->output().find("already taken"), std::string::npos)
    << twin->output();
}

TEST(Cluster, UnreachableBrokerIsRetriedWithBackoff) {
  temp_dir dir;
  // A port nobody listens on: bind-and-close is racy, so use port 1.
  auto path = dir.write_file("n.ini", node_ini("lonely", "\"payment\"", ""));
  child_process p{app_path("actorbus-node"),
                  {"--config-file=" + path, "--cluster.broker=127.0.0.1:1"}};
  ASSERT_TRUE(
    p.wait_for_line(std::regex{"cannot reach broker.*attempt=1 "}, 30s))
    << p.output();
  ASSERT_TRUE(
    p.wait_for_line(std::regex{"cannot reach broker.*attempt=3 "}, 30s))
    << p.output();
  EXPECT_FALSE(p.exited());
}

TEST(Cluster, NodeWithBadConfigExitsTwo) {
  temp_dir dir;
  auto path = dir.write_file("n.ini", "[node]\nroles=[\"payment\"]\n");
  child_process p{app_path("actorbus-node"), {"--config-file=" + path}};
  auto rc = p.wait_exit(30s);
  ASSERT_TRUE(rc.has_value());
  EXPECT_EQ(*rc, 2);
  EXPECT_NE(p.output().find("missing required key cluster.broker"),
            std::string::npos)
    << p.output();
}
