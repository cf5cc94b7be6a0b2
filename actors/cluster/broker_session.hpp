#pragma once

#include <chrono>
#include <string>

#include "caf/actor.hpp"
#include "caf/actor_system.hpp"
#include "caf/expected.hpp"
#include "caf/scoped_actor.hpp"

#include "runtime/supervision/exponential_backoff.hpp"

namespace actorbus::cluster {

/// Settings of a client's (e.g. shop-load's) session with the broker node.
struct broker_session_config {
  /// Name sent in the hello; must not be taken by another live node.
  std::string client_name;
  std::string host;
  uint16_t port = 0;
  /// Connect through caf::openssl (the system must have loaded it).
  bool tls = false;
  /// Deadline of the hello request.
  caf::timespan request_timeout = std::chrono::seconds{5};
  /// Delays between connection attempts.
  supervision::backoff_policy backoff;
};

/// The broker handle of a process that talks to a cluster from a plain
/// thread (blocking; never use it inside an actor). `broker()` connects to
/// the broker node's gateway, says hello and returns the broker; it retries
/// with exponential backoff, logging each failure with the attempt number and
/// the next delay, until its deadline passes. After a request to the broker
/// failed (CAF never fails a pending remote request when the peer dies, so
/// the caller's request timeout is what notices), the caller says `lost()`
/// and the next `broker()` connects again: to a restarted broker node this
/// is a new connection and a new broker handle.
class broker_session {
public:
  broker_session(caf::actor_system& sys, broker_session_config cfg);

  /// The current broker, connecting first if there is none. Fails with the
  /// last connection error once `deadline` passes, or at once with
  /// errc::duplicate_node when the gateway refuses the name.
  caf::expected<caf::actor> broker(caf::scoped_actor& self,
                                   std::chrono::steady_clock::time_point
                                     deadline);

  /// Forgets the current broker after `why` (logged once per loss).
  void lost(const caf::error& why);

  std::string endpoint() const;

  /// Successful connections so far (1 + reconnects).
  size_t connections() const noexcept { return connections_; }

private:
  caf::expected<caf::actor> connect_once(caf::scoped_actor& self);

  caf::actor_system& sys_;
  broker_session_config cfg_;
  supervision::exponential_backoff backoff_;
  caf::actor broker_;
  size_t failures_ = 0;
  size_t connections_ = 0;
};

} // namespace actorbus::cluster
