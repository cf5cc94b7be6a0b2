#include "actors/cluster/broker_session.hpp"

#include <thread>

#include <unistd.h>

#include "caf/io/middleman.hpp"
#include "caf/openssl/remote_actor.hpp"
#include "caf/sec.hpp"

#include "actors/cluster/cluster_messages.hpp"
#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus::cluster {

broker_session::broker_session(caf::actor_system& sys,
                               broker_session_config cfg)
  : sys_(sys),
    cfg_(std::move(cfg)),
    backoff_(cfg_.backoff, static_cast<uint64_t>(getpid())) {
  // nop
}

std::string broker_session::endpoint() const {
  return cfg_.host + ":" + std::to_string(cfg_.port);
}

caf::expected<caf::actor>
broker_session::connect_once(caf::scoped_actor& self) {
  auto gw = cfg_.tls ? caf::openssl::remote_actor(sys_, cfg_.host, cfg_.port)
                     : sys_.middleman().remote_actor(cfg_.host, cfg_.port);
  if (!gw)
    return std::move(gw.error());
  caf::expected<caf::actor> result
    = caf::make_error(errc::timeout, "no answer to hello");
  self
    ->request(*gw, cfg_.request_timeout, hello_atom::value,
              node_hello{cfg_.client_name, {}})
    .receive([&](node_welcome& w) { result = std::move(w.broker); },
             [&](caf::error& err) { result = std::move(err); });
  return result;
}

caf::expected<caf::actor>
broker_session::broker(caf::scoped_actor& self,
                       std::chrono::steady_clock::time_point deadline) {
  while (!broker_) {
    auto res = connect_once(self);
    if (res) {
      broker_ = std::move(*res);
      ++connections_;
      logging::info("broker-session", "connected",
                    {{"broker", endpoint()}, {"after_failures", failures_}});
      failures_ = 0;
      backoff_.reset();
      break;
    }
    if (has_code(res.error(), errc::duplicate_node))
      return std::move(res.error());
    ++failures_;
    auto delay = backoff_.next(std::chrono::steady_clock::now());
    if (std::chrono::steady_clock::now() + delay > deadline) {
      logging::error("broker-session", "giving up on the broker",
                     {{"broker", endpoint()},
                      {"reason", render(res.error())},
                      {"attempt", failures_}});
      return std::move(res.error());
    }
    bool refused = cfg_.tls
                   && res.error() == caf::sec::disconnect_during_handshake;
    logging::warn("broker-session",
                  refused ? "refused by the broker node: TLS handshake failed "
                            "(is this certificate signed by the cluster CA?)"
                          : "cannot reach broker",
                  {{"broker", endpoint()},
                   {"reason", render(res.error())},
                   {"attempt", failures_},
                   {"retry_in", delay}});
    std::this_thread::sleep_for(delay);
  }
  return broker_;
}

void broker_session::lost(const caf::error& why) {
  if (!broker_)
    return;
  logging::warn("broker-session", "lost the broker",
                {{"broker", endpoint()}, {"reason", render(why)}});
  broker_ = nullptr;
}

} // namespace actorbus::cluster
