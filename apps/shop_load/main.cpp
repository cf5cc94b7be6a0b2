// shop-load: places orders into a running cluster (through the broker node's
// gateway), waits until every order is finished, then checks the shop
// invariants over the cluster's log and prints PASS/FAIL (exit code 1 if any
// fails). Same [shop] options as shop-sim; the broker from --cluster.broker.
#include <iostream>
#include <thread>

#include "caf/actor_system.hpp"
#include "caf/io/middleman.hpp"
#include "caf/openssl/manager.hpp"
#include "caf/openssl/remote_actor.hpp"
#include "caf/scoped_actor.hpp"

#include "actors/broker/status_messages.hpp"
#include "actors/cluster/cluster_messages.hpp"
#include "actors/shop/shop_run.hpp"
#include "actors/system/register_types.hpp"
#include "runtime/errc.hpp"
#include "runtime/shop/invariants.hpp"
#include "runtime/shop/shop_topics.hpp"
#include "runtime/shop/sim_options.hpp"

using namespace actorbus;
using namespace std::chrono_literals;

namespace {

struct load_config : node_config {
  shop::sim_options sim;
  load_config() {
    program_name = "shop-load";
    shop::declare_sim_options(*this, sim);
  }
};

uint64_t total_lag(caf::scoped_actor& self, const caf::actor& broker) {
  uint64_t lag = 0;
  self->request(broker, 5s, broker::status_request{})
    .receive(
      [&](const broker::broker_status& st) {
        for (auto& g : st.groups)
          for (auto& p : g.partitions)
            lag += static_cast<uint64_t>(std::max<int64_t>(p.lag, 0));
      },
      [&](const caf::error&) { lag = UINT64_MAX; });
  return lag;
}

} // namespace

int main(int argc, char** argv) {
  load_config cfg;
  if (auto err = cfg.load(argc, argv)) {
    std::cerr << "shop-load: config error: " << config_error_line(err)
              << std::endl;
    return 2;
  }
  if (cfg.help_printed())
    return 0;
  if (cfg.cluster.broker.empty()) {
    std::cerr << "shop-load: config error: command line: missing required "
                 "key cluster.broker: expected \"host:port\" of the broker "
                 "node"
              << std::endl;
    return 2;
  }
  auto params = shop::to_params(cfg.sim);
  if (!params) {
    std::cerr << "shop-load: config error: "
              << config_error_line(params.error()) << std::endl;
    return 2;
  }
  if (cfg.tls.enabled())
    cfg.load<caf::openssl::manager>();
  else
    cfg.load<caf::io::middleman>();
  register_types(cfg);
  caf::actor_system sys{cfg};
  auto colon = cfg.cluster.broker.rfind(':');
  auto host = cfg.cluster.broker.substr(0, colon);
  auto port
    = static_cast<uint16_t>(std::stoi(cfg.cluster.broker.substr(colon + 1)));
  auto gw = cfg.tls.enabled() ? caf::openssl::remote_actor(sys, host, port)
                              : sys.middleman().remote_actor(host, port);
  if (!gw) {
    std::cerr << "shop-load: cannot reach the broker node at "
              << cfg.cluster.broker << ": " << render(gw.error()) << std::endl;
    return 1;
  }
  caf::scoped_actor self{sys};
  caf::actor brk;
  caf::error refused;
  self
    ->request(*gw, cfg.cluster.request_timeout, cluster::hello_atom::value,
              cluster::node_hello{cfg.node.name, {}})
    .receive([&](cluster::node_welcome& w) { brk = w.broker; },
             [&](caf::error& err) { refused = err; });
  if (!brk) {
    std::cerr << "shop-load: refused by the broker node: " << render(refused)
              << std::endl;
    return 1;
  }
  const caf::timespan timeout = cfg.cluster.request_timeout;
  shop::audit_input audit;
  audit.params = *params;
  auto t0 = std::chrono::steady_clock::now();
  shop::customer_driver driver{brk, *params,
                               static_cast<uint64_t>(cfg.sim.orders), timeout};
  while (!driver.done()) {
    if (auto err = driver.publish_next(self, 256)) {
      std::cerr << "shop-load: publishing failed: " << render(err) << std::endl;
      return 1;
    }
  }
  std::cout << "placed orders=" << driver.orders_placed()
            << " commands=" << driver.published() << std::endl;
  auto deadline = std::chrono::steady_clock::now() + cfg.sim.deadline;
  for (;;) {
    auto sent
      = shop::topic_end(self, brk, shop::topics::notifications, timeout);
    if (sent && *sent >= driver.orders_placed() && total_lag(self, brk) == 0)
      break;
    if (std::chrono::steady_clock::now() > deadline) {
      std::cerr << "shop-load: orders still open after the deadline; "
                   "checking invariants anyway"
                << std::endl;
      break;
    }
    std::this_thread::sleep_for(100ms);
  }
  audit.elapsed = std::chrono::steady_clock::now() - t0;
  audit.orders_placed = driver.orders_placed();
  audit.commands_published = driver.published();
  audit.count_by_causation = true;
  auto summary = shop::audit_shop(self, brk, audit, timeout);
  if (!summary) {
    std::cerr << "shop-load: audit failed: " << render(summary.error())
              << std::endl;
    return 1;
  }
  std::cout << shop::render_table(*summary);
  return shop::all_passed(summary->invariants) ? 0 : 1;
}
