// shop-sim: the single-node shop simulation. Wiring only: the broker, the
// five supervised shop services, the customers, chaos, progress and the
// final audit live in actors/ and runtime/ (see README.md).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include <unistd.h>

#include "caf/actor_system.hpp"
#include "caf/after.hpp"
#include "caf/scoped_actor.hpp"

#include <boost/json.hpp>

#include "actors/admin/node_admin.hpp"
#include "actors/broker/broker_actor.hpp"
#include "actors/broker/status_messages.hpp"
#include "actors/shop/chaos_monkey.hpp"
#include "actors/shop/shop_run.hpp"
#include "actors/shop/shop_services.hpp"
#include "actors/system/register_types.hpp"
#include "runtime/config/node_config.hpp"
#include "runtime/errc.hpp"
#include "runtime/log/posix_file_system.hpp"
#include "runtime/logging/logger.hpp"
#include "runtime/shop/progress_line.hpp"
#include "runtime/shop/shop_topics.hpp"
#include "runtime/shop/sim_options.hpp"

using namespace actorbus;
using namespace std::chrono_literals;

namespace {

struct shop_sim_config : node_config {
  shop::sim_options sim;
  shop_sim_config() {
    program_name = "shop-sim";
    shop::declare_sim_options(*this, sim);
  }
};

int config_error(const std::string& line) {
  std::cerr << "shop-sim: config error: " << line << std::endl;
  return 2;
}

/// A fresh temporary data dir unless one was given.
std::string make_data_dir(const std::string& configured, bool& temporary) {
  temporary = configured.empty();
  if (!temporary)
    return configured;
  const char* base = std::getenv("TMPDIR");
  std::string tmpl
    = std::string{base ? base : "/tmp"} + "/actorbus-shop.XXXXXX";
  std::vector<char> buf{tmpl.begin(), tmpl.end()};
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr)
    return {};
  return buf.data();
}

/// Removes a temporary data dir when destroyed. Declared before the actor
/// system, so it runs after every actor (incl. the detached partition
/// actors) has closed its files, and on every return path.
struct temp_dir_guard {
  std::string path;
  ~temp_dir_guard() {
    std::error_code ec;
    if (!path.empty())
      std::filesystem::remove_all(path, ec);
  }
};

shop::progress_sample sample(caf::scoped_actor& self, const caf::actor& broker,
                             const shop::shop_services& svcs,
                             const shop::customer_driver& driver,
                             std::chrono::steady_clock::time_point t0) {
  shop::progress_sample s;
  s.placed = driver.orders_placed();
  if (auto i = svcs.counters.find("order"); i != svcs.counters.end()) {
    s.confirmed = i->second->count_of("shop::order_confirmed");
    s.cancelled = i->second->count_of("shop::order_cancelled");
  }
  s.events = driver.published();
  for (auto& [name, c] : svcs.counters)
    s.events += c->published;
  self->request(broker, 2s, broker::status_request{})
    .receive(
      [&](const broker::broker_status& st) {
        for (auto& g : st.groups)
          for (auto& p : g.partitions)
            s.lag += static_cast<uint64_t>(std::max<int64_t>(p.lag, 0));
      },
      [&](const caf::error&) {});
  s.elapsed = std::chrono::steady_clock::now() - t0;
  return s;
}

} // namespace

int main(int argc, char** argv) {
  shop_sim_config cfg;
  if (auto err = cfg.load(argc, argv))
    return config_error(config_error_line(err));
  if (cfg.help_printed())
    return 0;
  auto params = shop::to_params(cfg.sim);
  if (!params)
    return config_error(config_error_line(params.error()));
  auto targets = shop::chaos_targets(cfg.sim);
  if (!targets)
    return config_error(config_error_line(targets.error()));
  if (cfg.sim.resume && cfg.node.data_dir.empty())
    return config_error("command line: resume=true: expected --data-dir "
                        "naming the directory of the run to continue");
  bool temporary = false;
  auto data_dir = make_data_dir(cfg.node.data_dir, temporary);
  if (data_dir.empty())
    return config_error("cannot create a temporary data directory");
  temp_dir_guard cleanup{temporary ? data_dir : std::string{}};
  auto topics = shop::shop_topics(cfg.broker);
  if (!topics)
    return config_error(config_error_line(topics.error()));
  register_types(cfg);
  caf::actor_system sys{cfg};
  auto t0 = std::chrono::steady_clock::now();
  broker::broker_config bcfg;
  bcfg.options = cfg.broker;
  bcfg.topics = std::move(*topics);
  bcfg.data_dir = data_dir;
  bcfg.fs = &log::posix_file_system::instance();
  auto brk = broker::spawn_broker(sys, std::move(bcfg));
  caf::scoped_actor self{sys};
  const auto timeout = caf::timespan{30s};
  shop::audit_input audit;
  audit.params = *params;
  for (auto topic : shop::topics::all) {
    auto end = shop::topic_end(self, brk, topic, timeout);
    if (!end) {
      std::cerr << "shop-sim: cannot open the log in " << data_dir << ": "
                << render(end.error()) << std::endl;
      caf::anon_send_exit(brk, caf::exit_reason::user_shutdown);
      return 1;
    }
    audit.baseline[topic] = *end;
  }
  auto dir = std::make_shared<supervision::actor_directory>();
  shop::shop_services_config scfg;
  scfg.broker = brk;
  scfg.roles = {"cart", "order", "payment", "inventory", "notification"};
  scfg.params = *params;
  scfg.crash_rate = cfg.sim.chaos_crash_rate;
  scfg.seed = static_cast<uint64_t>(cfg.sim.seed);
  scfg.supervision = cfg.supervision;
  auto svcs = shop::spawn_shop_services(sys, scfg, dir);
  if (!svcs) {
    std::cerr << "shop-sim: " << render(svcs.error()) << std::endl;
    caf::anon_send_exit(brk, caf::exit_reason::user_shutdown);
    return 1;
  }
  admin::node_admin admin{sys, cfg, brk, dir, svcs->counters};
  if (auto err = admin.start()) {
    std::cerr << "shop-sim: admin endpoint: " << render(err) << std::endl;
    caf::anon_send_exit(svcs->supervisor, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(brk, caf::exit_reason::user_shutdown);
    return 1;
  }
  std::cout << "ready node=" << cfg.node.name << " data=" << data_dir
            << " admin=" << admin.endpoint()
            << " orders=" << params->total_orders() << std::endl;
  shop::chaos_monkey chaos{dir, *targets, cfg.sim.chaos_every};
  shop::customer_driver driver{brk, *params,
                               static_cast<uint64_t>(cfg.sim.orders), timeout};
  shop::progress_meter meter{isatty(STDOUT_FILENO) != 0};
  auto next_progress
    = std::chrono::steady_clock::now() + cfg.sim.progress_every;
  auto show_progress = [&](bool force) {
    auto now = std::chrono::steady_clock::now();
    if (!force && now < next_progress)
      return;
    next_progress = now + cfg.sim.progress_every;
    std::cout << meter.update(sample(self, brk, *svcs, driver, t0))
              << std::flush;
  };
  int rc = 0;
  // Back-pressure: customers wait while too many orders are unfinished.
  // The order service's counters are a cheap lower bound of the finished
  // orders (events of a killed instance that landed are not counted); only
  // when they say "too many" do the stored notifications decide: every
  // order ends with exactly one, so they count the finished orders exactly,
  // also across kills and with --resume (whose driver counts the orders of
  // the whole history).
  auto max_open = static_cast<uint64_t>(cfg.sim.max_open_orders);
  auto order_counters = svcs->counters.at("order");
  auto too_many_open = [&] {
    auto placed = driver.orders_placed();
    if (max_open == 0 || placed < max_open)
      return false;
    auto counted = order_counters->count_of("shop::order_confirmed")
                   + order_counters->count_of("shop::order_cancelled");
    if (placed < counted + max_open)
      return false;
    auto finished
      = shop::topic_end(self, brk, shop::topics::notifications, timeout);
    return finished && placed >= *finished + max_open;
  };
  while (!driver.done()) {
    auto due = shop::pacing_offset(*params, driver.orders_placed());
    if (auto wait = t0 + due - std::chrono::steady_clock::now(); wait > 0ns)
      std::this_thread::sleep_for(
        std::min<std::chrono::nanoseconds>(wait, 50ms));
    if (too_many_open()) {
      std::this_thread::sleep_for(2ms);
      show_progress(false);
      continue;
    }
    if (auto err = driver.publish_next(self, 256)) {
      std::cerr << "shop-sim: publishing customer commands failed: "
                << render(err) << std::endl;
      rc = 1;
      break;
    }
    show_progress(false);
  }
  // Every order ends with exactly one notification; wait for all of them,
  // unless the services' supervisor gave up (restart intensity exceeded).
  auto deadline = std::chrono::steady_clock::now() + cfg.sim.deadline;
  self->monitor(svcs->supervisor);
  auto supervisor_gone = [&] {
    bool gone = false;
    self->receive(
      [&](const caf::down_msg& dm) {
        gone = true;
        std::cerr << "shop-sim: the services' supervisor gave up ("
                  << caf::to_string(dm.reason)
                  << "); raise [supervision] max-restarts or lower the "
                     "chaos; checking invariants anyway"
                  << std::endl;
      },
      caf::after(std::chrono::seconds{0}) >> [] {});
    return gone;
  };
  while (rc == 0 && !supervisor_gone()) {
    // With --resume the driver replays the whole history, so orders_placed
    // counts every order of the data dir, and so do the notifications.
    auto sent
      = shop::topic_end(self, brk, shop::topics::notifications, timeout);
    if (sent && *sent >= driver.orders_placed()
        && sample(self, brk, *svcs, driver, t0).lag == 0)
      break;
    if (std::chrono::steady_clock::now() > deadline) {
      std::cerr << "shop-sim: orders still open after "
                << logging::field::render_duration(cfg.sim.deadline)
                << "; checking invariants anyway" << std::endl;
      break;
    }
    show_progress(false);
    std::this_thread::sleep_for(20ms);
  }
  chaos.stop();
  show_progress(true);
  std::cout << meter.finish();
  audit.elapsed = std::chrono::steady_clock::now() - t0;
  // Stop the services before the audit so the log no longer moves.
  self->monitor(svcs->supervisor);
  caf::anon_send_exit(svcs->supervisor, caf::exit_reason::user_shutdown);
  self->receive([](const caf::down_msg&) {});
  audit.orders_placed = driver.orders_placed();
  audit.commands_published = driver.published();
  audit.counters = svcs->counters;
  for (auto& [name, kills] : chaos.kills())
    audit.restarts[name].kills = kills;
  for (auto& child : dir->snapshot().children)
    if (child.parent == "shop")
      audit.restarts[child.name].restarts = child.restarts;
  auto summary = shop::audit_shop(self, brk, audit, timeout);
  admin.stop();
  caf::anon_send_exit(brk, caf::exit_reason::user_shutdown);
  if (!summary) {
    std::cerr << "shop-sim: audit failed: " << render(summary.error())
              << std::endl;
    return 1;
  }
  std::cout << shop::render_table(*summary);
  if (!cfg.sim.report.empty()) {
    std::ofstream out{cfg.sim.report};
    out << boost::json::serialize(shop::to_json(*summary)) << "\n";
    if (!out)
      std::cerr << "shop-sim: cannot write report " << cfg.sim.report
                << std::endl;
  }
  if (rc == 0 && !shop::all_passed(summary->invariants))
    rc = 1;
  return rc;
}
