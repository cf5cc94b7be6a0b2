// actorbus-bench: the workload of the peer benchmark (apps/bench/peers,
// README there) against actorbus, printing the same result lines.
//
//   actorbus-bench serve --bind 127.0.0.1 --port P --data DIR
//                        --fsync everysec|always|pagecache
//       runs a broker and publishes it on P; prints "ready port=P".
//   actorbus-bench --port P --mode publish|e2e|latency --n N --size S
//                  --pipeline K --rate R --duration D --label L --seed X
//                  --timeout T
//       the client, same options as the peers' clients (remote setup).
//   actorbus-bench --inprocess --data DIR --fsync ... --mode ...
//       broker, producer and consumer in one process.
#include <csignal>
#include <cstdio>
#include <iostream>

#include "caf/actor_system.hpp"
#include "caf/actor_system_config.hpp"
#include "caf/io/middleman.hpp"
#include "caf/scoped_actor.hpp"

#include "actors/broker/broker_actor.hpp"
#include "actors/system/register_types.hpp"
#include "apps/bench/bench_client.hpp"
#include "apps/bench/peers/src/common.h"
#include "runtime/log/posix_file_system.hpp"

using namespace actorbus;

namespace {

caf::actor start_broker(caf::actor_system& sys, const std::string& data,
                        const std::string& fsync) {
  broker::broker_config cfg;
  cfg.data_dir = data;
  cfg.fs = &log::posix_file_system::instance();
  broker::topic_config topic;
  topic.name = bench::topic_name;
  topic.partitions = 1;
  if (fsync == "always") {
    topic.durability = log::durability::always;
  } else if (fsync == "everysec") {
    topic.durability = log::durability::interval;
    topic.sync_interval = std::chrono::seconds{1};
  } else if (fsync == "pagecache") {
    topic.durability = log::durability::none;
  } else {
    pb::die("--fsync must be everysec, always or pagecache, got",
            fsync.c_str());
  }
  cfg.topics.push_back(topic);
  return broker::spawn_broker(sys, std::move(cfg));
}

int serve(caf::actor_system& sys, const pb::Args& args) {
  auto broker = start_broker(sys, args.str("data", "bench-data"),
                             args.str("fsync", "everysec"));
  auto port = sys.middleman().publish(
    broker, static_cast<uint16_t>(args.num("port", 27000)),
    args.str("bind", "127.0.0.1").c_str(), true);
  if (!port) {
    std::fprintf(stderr, "actorbus-bench: cannot publish: %s\n",
                 sys.render(port.error()).c_str());
    caf::anon_send_exit(broker, caf::exit_reason::kill);
    return 2;
  }
  std::printf("ready port=%u\n", static_cast<unsigned>(*port));
  std::fflush(stdout);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int sig = 0;
  sigwait(&set, &sig);
  caf::anon_send_exit(broker, caf::exit_reason::user_shutdown);
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  // Block the stop signals in every thread; serve() waits for them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  bool serving = argc > 1 && std::string{argv[1]} == "serve";
  pb::Args args(argc - (serving ? 1 : 0), argv + (serving ? 1 : 0));
  caf::actor_system_config cfg;
  cfg.set("scheduler.max-threads", 2);
  cfg.set("logger.console", caf::atom("none"));
  cfg.load<caf::io::middleman>();
  register_types(cfg);
  caf::actor_system sys{cfg};
  if (serving)
    return serve(sys, args);
  bench::client_options opts = bench::client_options::from(args);
  caf::actor broker;
  if (args.num("inprocess", 0) != 0) {
    broker = start_broker(sys, args.str("data", "bench-data"),
                          args.str("fsync", "everysec"));
    opts.peer = "actorbus_inprocess";
  } else {
    auto remote = sys.middleman().remote_actor(
      args.str("host", "127.0.0.1"),
      static_cast<uint16_t>(args.num("port", 27000)));
    if (!remote)
      pb::die("cannot connect to the broker:",
              sys.render(remote.error()).c_str());
    broker = *remote;
  }
  auto rc = bench::run_client(sys, broker, opts);
  if (args.num("inprocess", 0) != 0)
    caf::anon_send_exit(broker, caf::exit_reason::user_shutdown);
  return rc;
}
