#include "tests/integration/admin/node_fixture.hpp"

#include <regex>
#include <sstream>
#include <stdexcept>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "tests/integration/admin/raw_client.hpp"

namespace actorbus::test {

using namespace std::chrono_literals;

namespace {

// The shop parameters the node's services and shop-load must agree on.
const char* shop_section = "[shop]\ncatalogue-size=20\ninitial-stock=300\n"
                           "seed=11\n";

template <class F>
void for_each_sample(const std::string& body, const std::string& name,
                     const std::string& labels, F f) {
  std::istringstream in{body};
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.compare(0, name.size(), name))
      continue;
    auto rest = line.substr(name.size());
    if (rest.empty() || (rest[0] != '{' && rest[0] != ' '))
      continue;
    auto space = rest.rfind(' ');
    auto label_set = rest.substr(0, space);
    if (!labels.empty() && label_set.find(labels) == std::string::npos)
      continue;
    f(std::stod(rest.substr(space + 1)));
  }
}

} // namespace

node_fixture::node_fixture() {
  auto ini = dir.write_file("node.ini", "[node]\nname=\"solo\"\ndata-dir=\""
                                          + (dir / "data")
                                          + "\"\n[cluster]\nport=0\n"
                                            "[admin]\nport=0\n"
                                          + shop_section);
  node = std::make_unique<child_process>(
    app_path("actorbus-node"),
    std::vector<std::string>{"--config-file=" + ini});
  std::regex ready{
    "^ready node=solo broker=(\\S+) admin=127\\.0\\.0\\.1:(\\d+)"};
  auto line = node->wait_for_line(ready, 60s);
  if (!line)
    throw std::runtime_error("node not ready: " + node->output());
  std::smatch m;
  std::regex_search(*line, m, ready);
  broker_addr = m[1];
  admin_port = static_cast<uint16_t>(std::stoi(m[2]));
}

void node_fixture::drain() {
  static const std::regex never{"\x01never\x01"};
  node->wait_for_line(never, 10ms);
}

std::string node_fixture::request(const std::string& method,
                                  const std::string& path) {
  drain();
  raw_client c{admin_port};
  c.send(method + " " + path
         + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: "
           "close\r\n\r\n");
  return c.read_response(10s);
}

boost::json::value node_fixture::get_json(const std::string& path) {
  auto res = get(path);
  EXPECT_EQ(status_of(res), 200u) << path << ": " << res;
  boost::json::error_code ec;
  auto doc = boost::json::parse(body_of(res), ec);
  EXPECT_FALSE(ec) << path << ": " << res;
  return doc;
}

std::pair<int, std::string> node_fixture::ctl(std::vector<std::string> args) {
  drain();
  args.insert(args.begin(),
              {"--node", "127.0.0.1:" + std::to_string(admin_port)});
  child_process p{app_path("actorbusctl"), std::move(args)};
  auto rc = p.wait_exit(30s);
  return {rc.value_or(-1), p.output()};
}

void node_fixture::load(int orders) {
  child_process p{app_path("shop-load"),
                  {"--cluster.broker=" + broker_addr, "--orders",
                   std::to_string(orders), "--catalogue-size", "20",
                   "--initial-stock", "300", "--seed", "11", "--node.name=load",
                   "--deadline", "60s"}};
  auto give_up = std::chrono::steady_clock::now() + 90s;
  while (std::chrono::steady_clock::now() < give_up) {
    drain();
    if (auto rc = p.wait_exit(200ms)) {
      ASSERT_EQ(*rc, 0) << p.output();
      ASSERT_NE(p.output().find("PASS"), std::string::npos) << p.output();
      return;
    }
  }
  FAIL() << "shop-load did not finish: " << p.output();
}

double metric_sum(const std::string& body, const std::string& name,
                  const std::string& labels) {
  double sum = 0;
  for_each_sample(body, name, labels, [&](double x) { sum += x; });
  return sum;
}

bool has_metric(const std::string& body, const std::string& name,
                const std::string& labels) {
  bool found = false;
  for_each_sample(body, name, labels, [&](double) { found = true; });
  return found;
}

} // namespace actorbus::test
