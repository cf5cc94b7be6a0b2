// actorbus-node: one node of a cluster, from a config file (see README.md):
// the broker and/or shop services, CAF's middleman with heartbeats, optional
// TLS with mutual certificate verification, and the admin endpoint.
#include <csignal>
#include <iostream>
#include <thread>

#include "caf/actor_system.hpp"
#include "caf/io/middleman.hpp"
#include "caf/openssl/manager.hpp"
#include "caf/openssl/publish.hpp"
#include "caf/scoped_actor.hpp"

#include "actors/admin/node_admin.hpp"
#include "actors/broker/broker_actor.hpp"
#include "actors/cluster/broker_link_actor.hpp"
#include "actors/cluster/gateway_actor.hpp"
#include "actors/cluster/service_host_actor.hpp"
#include "actors/shop/shop_services.hpp"
#include "actors/system/register_types.hpp"
#include "runtime/errc.hpp"
#include "runtime/log/posix_file_system.hpp"
#include "runtime/logging/logger.hpp"
#include "runtime/shop/sim_options.hpp"

using namespace actorbus;
using namespace std::chrono_literals;

namespace {

using ready_atom = caf::atom_constant<caf::atom("ready")>;
using stop_atom = caf::atom_constant<caf::atom("stop")>;

struct node_app_config : node_config {
  shop::sim_options sim;
  node_app_config() {
    program_name = "actorbus-node";
    shop::declare_sim_options(*this, sim);
  }
};

int config_error(const std::string& line) {
  std::cerr << "actorbus-node: config error: " << line << std::endl;
  return 2;
}

bool has_role(const node_config& cfg, const std::string& role) {
  return std::find(cfg.node.roles.begin(), cfg.node.roles.end(), role)
         != cfg.node.roles.end();
}

bool is_loopback(const std::string& addr) {
  return addr.rfind("127.", 0) == 0 || addr == "localhost" || addr == "::1";
}

std::vector<std::string> service_roles(const node_config& cfg) {
  std::vector<std::string> out;
  for (auto& r : cfg.node.roles)
    if (r != "broker")
      out.push_back(r);
  return out;
}

/// Waits for SIGTERM/SIGINT on its own thread and tells `whom`.
std::thread signal_watcher(caf::actor whom) {
  return std::thread{[whom] {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    int sig = 0;
    sigwait(&set, &sig);
    caf::anon_send(whom, stop_atom::value);
  }};
}

} // namespace

int main(int argc, char** argv) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  node_app_config cfg;
  if (auto err = cfg.load(argc, argv))
    return config_error(config_error_line(err));
  if (cfg.help_printed())
    return 0;
  auto src = cfg.config_file().empty() ? std::string{"command line"}
                                       : cfg.config_file();
  bool broker_role = has_role(cfg, "broker");
  if (!broker_role && cfg.cluster.broker.empty())
    return config_error(src
                        + ": missing required key cluster.broker: "
                          "expected \"host:port\" of the broker node when "
                          "node.roles has no \"broker\"");
  if (broker_role && cfg.node.data_dir.empty())
    return config_error(src
                        + ": missing required key node.data-dir: "
                          "expected the directory of the broker's logs");
  auto params = shop::to_params(cfg.sim);
  if (!params)
    return config_error(config_error_line(params.error()));
  // The openssl module runs on top of the middleman: load both for TLS.
  cfg.load<caf::io::middleman>();
  if (cfg.tls.enabled())
    cfg.load<caf::openssl::manager>();
  register_types(cfg);
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  auto dir = std::make_shared<supervision::actor_directory>();
  auto roles = service_roles(cfg);
  std::map<std::string, std::shared_ptr<shop::service_counters>> counters;
  for (auto& r : roles)
    counters[r] = std::make_shared<shop::service_counters>();
  shop::shop_services_config scfg;
  scfg.roles = roles;
  scfg.params = *params;
  scfg.crash_rate = cfg.sim.chaos_crash_rate;
  scfg.seed = static_cast<uint64_t>(cfg.sim.seed);
  scfg.supervision = cfg.supervision;
  scfg.counters = counters;
  caf::actor brk, gateway, link, host;
  std::string broker_endpoint = cfg.cluster.broker;
  caf::actor local_supervisor;
  auto me = caf::actor_cast<caf::actor>(self);
  if (broker_role) {
    auto topics = shop::shop_topics(cfg.broker);
    if (!topics)
      return config_error(config_error_line(topics.error()));
    broker::broker_config bcfg;
    bcfg.options = cfg.broker;
    bcfg.topics = std::move(*topics);
    bcfg.data_dir = cfg.node.data_dir;
    bcfg.fs = &log::posix_file_system::instance();
    brk = broker::spawn_broker(sys, std::move(bcfg));
    gateway = sys.spawn(cluster::gateway_actor, cfg.node.name, brk);
    auto port = static_cast<uint16_t>(cfg.cluster.port);
    auto addr = cfg.cluster.listen_address;
    auto published
      = cfg.tls.enabled()
          ? caf::openssl::publish(gateway, port, addr.c_str(), true)
          : sys.middleman().publish(gateway, port, addr.c_str(), true);
    if (!published) {
      std::cerr << "actorbus-node: cannot listen on " << addr << ":" << port
                << ": " << render(published.error()) << std::endl;
      caf::anon_send_exit(gateway, caf::exit_reason::user_shutdown);
      caf::anon_send_exit(brk, caf::exit_reason::user_shutdown);
      return 1;
    }
    if (!is_loopback(addr) && !cfg.tls.enabled())
      logging::warn("node", "listening on a non-loopback address without TLS",
                    {{"address", addr}});
    broker_endpoint = addr + ":" + std::to_string(*published);
    if (!roles.empty()) {
      scfg.broker = brk;
      auto svcs = shop::spawn_shop_services(sys, scfg, dir);
      if (!svcs) {
        std::cerr << "actorbus-node: " << render(svcs.error()) << std::endl;
        return 1;
      }
      local_supervisor = svcs->supervisor;
    }
    caf::anon_send(me, ready_atom::value);
  } else {
    auto colon = cfg.cluster.broker.rfind(':');
    cluster::broker_link_config lcfg;
    lcfg.node_name = cfg.node.name;
    lcfg.roles = cfg.node.roles;
    lcfg.host = cfg.cluster.broker.substr(0, colon);
    lcfg.port
      = static_cast<uint16_t>(std::stoi(cfg.cluster.broker.substr(colon + 1)));
    lcfg.request_timeout = cfg.cluster.request_timeout;
    lcfg.tls = cfg.tls.enabled();
    lcfg.backoff.min = cfg.cluster.reconnect_min;
    lcfg.backoff.max = cfg.cluster.reconnect_max;
    lcfg.backoff.jitter = 0.2;
    lcfg.seed = static_cast<uint64_t>(getpid());
    auto mm = cfg.tls.enabled() ? caf::actor_cast<caf::io::middleman_actor>(
                sys.openssl_manager().actor_handle())
                                : sys.middleman().actor_handle();
    link = sys.spawn(cluster::broker_link_actor, lcfg, mm);
    self->monitor(link);
    cluster::service_host_config hcfg;
    hcfg.services = scfg;
    hcfg.directory = dir;
    auto announced = std::make_shared<std::atomic<bool>>(false);
    hcfg.on_started = [me, announced](const caf::actor&) {
      if (!announced->exchange(true))
        caf::anon_send(me, ready_atom::value);
    };
    host = sys.spawn(cluster::service_host_actor, hcfg, link);
  }
  admin::node_admin adm{sys, cfg, brk, dir, counters};
  if (auto err = adm.start()) {
    std::cerr << "actorbus-node: admin endpoint: " << render(err) << std::endl;
    for (auto& a : {host, link, local_supervisor, gateway, brk})
      if (a)
        caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    return 1;
  }
  auto watcher = signal_watcher(me);
  int rc = 0;
  bool running = true;
  while (running) {
    self->receive(
      [&](ready_atom) {
        std::cout << "ready node=" << cfg.node.name
                  << " broker=" << broker_endpoint
                  << " admin=" << adm.endpoint() << std::endl;
      },
      [&](stop_atom) {
        logging::info("node", "stopping", {{"node", cfg.node.name}});
        running = false;
      },
      [&](const caf::down_msg& dm) {
        if (has_code(dm.reason, errc::duplicate_node)) {
          std::cerr << "actorbus-node: refused: " << render(dm.reason)
                    << std::endl;
          rc = 2;
        } else {
          std::cerr << "actorbus-node: broker link ended: " << render(dm.reason)
                    << std::endl;
          rc = 1;
        }
        running = false;
      });
  }
  adm.stop();
  for (auto& a : {host, link, local_supervisor, gateway, brk})
    if (a)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  if (rc != 0) {
    // The watcher still waits for a signal: wake it.
    pthread_kill(watcher.native_handle(), SIGTERM);
  }
  watcher.join();
  return rc;
}
