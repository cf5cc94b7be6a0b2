// Three real actorbus-node processes on 127.0.0.1 (broker, orders,
// fulfilment) driven by shop-load; each test has its own temp dir and
// ports chosen by the OS.
#include <gtest/gtest.h>

#include <csignal>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace actorbus::test;
using namespace std::chrono_literals;

namespace {

const std::regex ready_line{"^ready node=\\S+ broker=(\\S+) admin=(\\S+)"};

std::string node_ini(const std::string& name, const std::string& roles,
                     const std::string& extra) {
  return "[node]\nname=\"" + name + "\"\nroles=[" + roles + "]\n" + extra
         + "[cluster]\nheartbeat-interval=200ms\nconnection-timeout=1500ms\n"
           "request-timeout=3s\nreconnect-min=50ms\nreconnect-max=500ms\n"
           "[admin]\nport=0\n[shop]\ncatalogue-size=20\ninitial-stock=300\n"
           "seed=11\n[scheduler]\nmax-threads=2\n";
}

struct cluster {
  temp_dir dir{"actorbus-cluster"};
  std::unique_ptr<child_process> broker;
  std::unique_ptr<child_process> orders;
  std::unique_ptr<child_process> fulfilment;
  std::string broker_addr;

  std::unique_ptr<child_process> start(const std::string& name,
                                       const std::string& ini,
                                       std::vector<std::string> extra = {}) {
    auto path = dir.write_file(name + ".ini", ini);
    std::vector<std::string> args{"--config-file=" + path};
    args.insert(args.end(), extra.begin(), extra.end());
    return std::make_unique<child_process>(app_path("actorbus-node"), args);
  }

  std::string wait_ready(child_process& p) {
    auto line = p.wait_for_line(ready_line, 60s);
    EXPECT_TRUE(line.has_value()) << p.output();
    if (!line)
      return {};
    std::smatch m;
    std::regex_search(*line, m, ready_line);
    return m[1];
  }

  void start_broker(const std::string& port = "0") {
    broker = start("broker",
                   node_ini("broker", "\"broker\"",
                            "data-dir=\"" + (dir / "broker-data") + "\"\n"),
                   {"--cluster.port=" + port});
    broker_addr = wait_ready(*broker);
  }

  std::unique_ptr<child_process> start_service(const std::string& name,
                                               const std::string& roles) {
    auto p = start(name, node_ini(name, roles, ""),
                   {"--cluster.broker=" + broker_addr});
    wait_ready(*p);
    return p;
  }

  void start_all() {
    start_broker();
    orders = start_service("orders", "\"cart\", \"order\", \"payment\"");
    fulfilment = start_service("fulfilment", "\"inventory\", \"notification\"");
  }

  int load(int orders_count) {
    child_process p{app_path("shop-load"),
                    {"--cluster.broker=" + broker_addr, "--orders",
                     std::to_string(orders_count), "--catalogue-size", "20",
                     "--initial-stock", "300", "--seed", "11",
                     "--node.name=load", "--deadline", "90s"}};
    auto rc = p.wait_exit(150s);
    EXPECT_TRUE(rc.has_value()) << p.output();
    EXPECT_NE(p.output().find("PASS"), std::string::npos) << p.output();
    last_load_output = p.output();
    return rc.value_or(-1);
  }

  std::string last_load_output;
};

} // namespace

TEST(Cluster, ThreeNodesRunTheShopAndTheInvariantsPass) {
  cluster c;
  c.start_all();
  EXPECT_EQ(c.load(400), 0) << c.last_load_output;
}

TEST(Cluster, KilledFulfilmentNodeRestartsAndTheInvariantsPass) {
  cluster c;
  c.start_all();
  c.fulfilment->signal(SIGKILL);
  c.fulfilment->wait_exit(10s);
  c.fulfilment
    = c.start_service("fulfilment", "\"inventory\", \"notification\"");
  EXPECT_EQ(c.load(300), 0) << c.last_load_output;
}

TEST(Cluster, SecondNodeWithTheSameNameIsRefused) {
  cluster c;
  c.start_broker();
  c.orders = c.start_service("orders", "\"cart\", \"order\", \"payment\"");
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
