#include "tests/integration/cluster/cluster_fixture.hpp"

#include <gtest/gtest.h>

namespace actorbus::test {

using namespace std::chrono_literals;

const std::regex ready_line{"^ready node=\\S+ broker=(\\S+) admin=(\\S+)"};

std::string node_ini(const std::string& name, const std::string& roles,
                     const std::string& extra, const std::string& sections) {
  return "[node]\nname=\"" + name + "\"\nroles=[" + roles + "]\n" + extra
         + "[cluster]\nheartbeat-interval=200ms\nconnection-timeout=1500ms\n"
           "request-timeout=3s\nreconnect-min=50ms\nreconnect-max=500ms\n"
           "[admin]\nport=0\n[shop]\ncatalogue-size=20\ninitial-stock=300\n"
           "seed=11\n[scheduler]\nmax-threads=2\n"
         + sections;
}

std::unique_ptr<child_process> cluster::start(const std::string& name,
                                              const std::string& ini,
                                              std::vector<std::string> extra) {
  auto path = dir.write_file(name + ".ini", ini);
  std::vector<std::string> args{"--config-file=" + path};
  args.insert(args.end(), extra.begin(), extra.end());
  return std::make_unique<child_process>(app_path("actorbus-node"), args);
}

std::pair<std::string, std::string> cluster::wait_ready(child_process& p) {
  auto line = p.wait_for_line(ready_line, 60s);
  EXPECT_TRUE(line.has_value()) << p.output();
  if (!line)
    return {};
  std::smatch m;
  std::regex_search(*line, m, ready_line);
  return {m[1], m[2]};
}

void cluster::start_broker(const std::string& port,
                           std::vector<std::string> extra) {
  extra.push_back("--cluster.port=" + port);
  broker = start("broker",
                 node_ini("broker", "\"broker\"",
                          "data-dir=\"" + (dir / "broker-data") + "\"\n",
                          sections("broker")),
                 extra);
  std::tie(broker_addr, broker_admin) = wait_ready(*broker);
}

std::string cluster::broker_port() const {
  return broker_addr.substr(broker_addr.rfind(':') + 1);
}

std::unique_ptr<child_process> cluster::start_service(const std::string& name,
                                                      const std::string& roles,
                                                      bool wait) {
  auto p = start(name, node_ini(name, roles, "", sections(name)),
                 {"--cluster.broker=" + broker_addr});
  if (wait)
    wait_ready(*p);
  return p;
}

void cluster::start_all() {
  start_broker();
  orders = start_service("orders", orders_roles);
  fulfilment = start_service("fulfilment", fulfilment_roles);
}

std::unique_ptr<child_process>
cluster::start_load(int orders_count, std::vector<std::string> extra) {
  std::vector<std::string> args{"--cluster.broker=" + broker_addr,
                                "--orders",
                                std::to_string(orders_count),
                                "--catalogue-size",
                                "20",
                                "--initial-stock",
                                "300",
                                "--seed",
                                "11",
                                "--node.name=load",
                                "--deadline",
                                "90s"};
  args.insert(args.end(), extra.begin(), extra.end());
  return std::make_unique<child_process>(app_path("shop-load"), args);
}

int cluster::load(int orders_count, std::vector<std::string> extra) {
  auto p = start_load(orders_count, std::move(extra));
  auto rc = p->wait_exit(150s);
  EXPECT_TRUE(rc.has_value()) << p->output();
  EXPECT_NE(p->output().find("PASS"), std::string::npos) << p->output();
  last_load_output = p->output();
  return rc.value_or(-1);
}

} // namespace actorbus::test
