#pragma once

#include <set>
#include <string>
#include <vector>

#include "caf/actor.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/io/middleman_actor.hpp"
#include "caf/stateful_actor.hpp"

#include "runtime/supervision/exponential_backoff.hpp"

namespace actorbus::cluster {

/// Settings of a service node's link to the broker node.
struct broker_link_config {
  std::string node_name;
  std::vector<std::string> roles;
  std::string host;
  uint16_t port = 0;
  /// Deadline of every remote request (connect and hello); CAF never fails
  /// a pending remote request when the peer dies (GUIDE.md 5).
  caf::timespan request_timeout = std::chrono::seconds{5};
  /// Connecting through caf::openssl (mutual certificate verification).
  bool tls = false;
  /// Reconnect delays: exponential from min to max with jitter.
  supervision::backoff_policy backoff;
  uint64_t seed = 1;
};

struct broker_link_state {
  broker_link_config cfg;
  caf::io::middleman_actor mm;
  supervision::exponential_backoff backoff{{}, 1};
  caf::actor gateway;
  caf::actor broker;
  std::string broker_node;
  std::set<caf::actor> subscribers;
  size_t failures = 0;
  static inline const char* name = "broker-link";
};

/// A service node's connection to the broker node, with reconnects.
///
/// ```
///  connecting --connect ok--> greeting --welcome--> connected
///      ^   |                     |                     |
///      |   +--error/timeout------+                     | down_msg (broker or
///      +------------- backoff delay <------------------+  gateway unreachable)
/// ```
/// `mm` is the middleman actor to connect through: `sys.middleman()
/// .actor_handle()` for plain TCP or `sys.openssl_manager().actor_handle()`
/// for TLS. Local actors send `subscribe_atom` and then get
/// `(broker_up_atom, caf::actor broker)` whenever the broker becomes
/// reachable and `broker_down_atom` when it is lost. A refused hello
/// (`errc::duplicate_node`) ends the link with that error: the node must not
/// run under a taken name. Every failure is logged with the attempt number
/// and the next delay.
///
/// TLS: when the broker node rejects this node's certificate, CAF 0.17 only
/// reports `sec::disconnect_during_handshake` here, and the broker node logs
/// nothing at all (libcaf_openssl verifies peers without a callback and
/// drops failed handshakes silently; CAF's own logging is compiled out in
/// Debian's package). So this side logs the refusal, naming the broker
/// address, on every attempt, and keeps retrying.
caf::behavior broker_link_actor(caf::stateful_actor<broker_link_state>* self,
                                broker_link_config cfg,
                                caf::io::middleman_actor mm);

} // namespace actorbus::cluster
