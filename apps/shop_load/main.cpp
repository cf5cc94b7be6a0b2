// shop-load: places orders into a running cluster (through the broker node's
// gateway), waits until every order is finished, then checks the shop
// invariants over the cluster's log, plus that every acknowledged command is
// still in it, and prints PASS/FAIL (exit code 1 if any fails). Same [shop]
// options as shop-sim (--target-rate paces the orders); the broker from
// --cluster.broker. A lost broker (e.g. a restarted broker node) is
// reconnected with backoff and the unacknowledged batch is sent again with
// the same sequence numbers.
#include <iostream>
#include <thread>

#include "caf/actor_system.hpp"
#include "caf/io/middleman.hpp"
#include "caf/openssl/manager.hpp"
#include "caf/scoped_actor.hpp"

#include "actors/broker/status_messages.hpp"
#include "actors/cluster/broker_session.hpp"
#include "actors/cluster/load_driver.hpp"
#include "actors/shop/shop_run.hpp"
#include "actors/system/register_types.hpp"
#include "runtime/errc.hpp"
#include "runtime/shop/invariants.hpp"
#include "runtime/shop/shop_topics.hpp"
#include "runtime/shop/sim_options.hpp"

using namespace actorbus;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

namespace {

struct load_config : node_config {
  shop::sim_options sim;
  load_config() {
    program_name = "shop-load";
    shop::declare_sim_options(*this, sim);
  }
};

int config_error(const std::string& line) {
  std::cerr << "shop-load: config error: " << line << std::endl;
  return 2;
}

caf::expected<uint64_t> total_lag(caf::scoped_actor& self,
                                  const caf::actor& broker,
                                  caf::timespan timeout) {
  caf::expected<uint64_t> lag = uint64_t{0};
  self->request(broker, timeout, broker::status_request{})
    .receive(
      [&](const broker::broker_status& st) {
        uint64_t sum = 0;
        for (auto& g : st.groups)
          for (auto& p : g.partitions)
            sum += static_cast<uint64_t>(std::max<int64_t>(p.lag, 0));
        lag = sum;
      },
      [&](caf::error& err) { lag = std::move(err); });
  return lag;
}

/// Whether every placed order got its notification and no group lags.
caf::expected<bool> finished(caf::scoped_actor& self, const caf::actor& brk,
                             uint64_t orders, caf::timespan timeout) {
  auto sent = shop::topic_end(self, brk, shop::topics::notifications, timeout);
  if (!sent)
    return std::move(sent.error());
  if (*sent < orders)
    return false;
  auto lag = total_lag(self, brk, timeout);
  if (!lag)
    return std::move(lag.error());
  return *lag == 0;
}

} // namespace

int main(int argc, char** argv) {
  load_config cfg;
  if (auto err = cfg.load(argc, argv))
    return config_error(config_error_line(err));
  if (cfg.help_printed())
    return 0;
  if (cfg.cluster.broker.empty())
    return config_error("command line: missing required key cluster.broker: "
                        "expected \"host:port\" of the broker node");
  auto params = shop::to_params(cfg.sim);
  if (!params)
    return config_error(config_error_line(params.error()));
  // The openssl module runs on top of the middleman: load both for TLS.
  cfg.load<caf::io::middleman>();
  if (cfg.tls.enabled())
    cfg.load<caf::openssl::manager>();
  register_types(cfg);
  caf::actor_system sys{cfg};
  auto colon = cfg.cluster.broker.rfind(':');
  cluster::broker_session_config scfg;
  scfg.client_name = cfg.node.name;
  scfg.host = cfg.cluster.broker.substr(0, colon);
  scfg.port
    = static_cast<uint16_t>(std::stoi(cfg.cluster.broker.substr(colon + 1)));
  scfg.tls = cfg.tls.enabled();
  scfg.request_timeout = cfg.cluster.request_timeout;
  scfg.backoff.min = cfg.cluster.reconnect_min;
  scfg.backoff.max = cfg.cluster.reconnect_max;
  cluster::broker_session session{sys, scfg};
  caf::scoped_actor self{sys};
  const caf::timespan timeout = cfg.cluster.request_timeout;
  auto t0 = steady::now();
  auto deadline = t0 + cfg.sim.deadline;
  cluster::load_driver driver{session, *params,
                              static_cast<uint64_t>(cfg.sim.orders), timeout};
  // Paced runs publish about 100ms worth of commands (some three per order)
  // per batch, so the rate holds while each batch waits to be durable.
  size_t batch = params->target_rate == 0
                   ? 256
                   : std::clamp<size_t>(params->target_rate * 3 / 10, 1, 256);
  auto last_progress = t0;
  while (!driver.done()) {
    auto due = t0 + shop::pacing_offset(*params, driver.orders_placed());
    if (due > steady::now())
      std::this_thread::sleep_until(due);
    if (auto err = driver.publish_next(self, batch, deadline)) {
      std::cerr << "shop-load: publishing failed: " << render(err) << std::endl;
      return 1;
    }
    if (steady::now() - last_progress >= cfg.sim.progress_every) {
      last_progress = steady::now();
      std::cout << "progress orders=" << driver.orders_placed()
                << " commands=" << driver.published() << std::endl;
    }
  }
  std::cout << "placed orders=" << driver.orders_placed()
            << " commands=" << driver.published() << std::endl;
  for (;;) {
    auto done = cluster::with_broker(
      self, session, deadline, [&](const caf::actor& brk) {
        return finished(self, brk, driver.orders_placed(), timeout);
      });
    if (done && *done)
      break;
    if (steady::now() > deadline) {
      std::cerr << "shop-load: orders still open after the deadline; "
                   "checking invariants anyway"
                << std::endl;
      break;
    }
    std::this_thread::sleep_for(100ms);
  }
  shop::audit_input audit;
  audit.params = *params;
  audit.elapsed = steady::now() - t0;
  audit.orders_placed = driver.orders_placed();
  audit.commands_published = driver.published();
  audit.count_by_causation = true;
  auto audit_deadline = std::max(deadline, steady::now() + 30s);
  auto summary = cluster::with_broker(
    self, session, audit_deadline,
    [&](const caf::actor& brk) -> caf::expected<shop::shop_summary> {
      auto res = shop::audit_shop(self, brk, audit, timeout);
      if (!res)
        return res;
      auto acked = cluster::check_acked(self, brk, driver.acked(), timeout);
      if (!acked)
        return std::move(acked.error());
      res->invariants.push_back(std::move(*acked));
      return res;
    });
  if (!summary) {
    std::cerr << "shop-load: audit failed: " << render(summary.error())
              << std::endl;
    return 1;
  }
  std::cout << shop::render_table(*summary);
  if (session.connections() > 1)
    std::cout << "reconnected to the broker " << session.connections() - 1
              << " time(s)" << std::endl;
  return shop::all_passed(summary->invariants) ? 0 : 1;
}
