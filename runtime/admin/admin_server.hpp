#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "caf/error.hpp"

#include "runtime/admin/http_types.hpp"
#include "runtime/admin/server_options.hpp"

namespace boost::asio {
class io_context;
} // namespace boost::asio

namespace actorbus::admin {

namespace detail {
struct server_core;
} // namespace detail

/// The HTTP/1.1 admin endpoint (Boost.Beast). It runs on its own thread(s),
/// never on the actor scheduler, and calls route handlers there.
///
/// Usage:
///   admin_server srv{server_options::from(cfg.admin)};
///   srv.route("GET", "/status", [](const http_request& req, responder reply) {
///     ... later, from any thread: reply(http_response::json(200, doc));
///   });
///   if (auto err = srv.start()) ...;   // binds; srv.port() is now known
///   ...
///   srv.stop();                        // or let the destructor do it
///
/// Built in: bearer-token auth (see auth_policy; required on non-loopback
/// addresses), JSON errors for bad requests (400), unknown paths (404),
/// wrong methods (405, with Allow), big headers (431) and bodies (413),
/// handler timeouts (503), read/write timeouts, keep-alive.
///
/// `route` must be called before `start`. `start` and `stop` are not
/// thread-safe against each other; a server starts at most once.
class admin_server {
public:
  explicit admin_server(server_options opts);
  ~admin_server();

  admin_server(const admin_server&) = delete;
  admin_server& operator=(const admin_server&) = delete;

  /// Registers `fn` for `method` and a path pattern such as
  /// "/actors/<name>/kill" (see router). Throws std::invalid_argument for
  /// malformed or duplicate patterns, std::logic_error after `start`.
  void route(std::string method, const std::string& pattern, handler fn);

  /// Binds and listens, then starts the server threads. Returns an
  /// `errc::invalid_config` error for a bad address or a non-loopback address
  /// without token, `errc::io_error` when binding fails (e.g. port in use).
  caf::error start();

  /// Stops accepting, closes every connection, joins the threads. Pending
  /// responders become no-ops. Idempotent. Must not be called from a
  /// handler (it would join its own thread).
  void stop();

  bool running() const noexcept { return !threads_.empty(); }

  /// The bound port (the chosen one when configured with 0); 0 before start.
  uint16_t port() const noexcept { return port_; }

  /// The bound address as configured, e.g. "127.0.0.1".
  const std::string& address() const noexcept;

  /// Number of open connections (for metrics and tests).
  size_t connections() const noexcept;

private:
  struct listener;

  std::shared_ptr<detail::server_core> core_;
  std::unique_ptr<boost::asio::io_context> ioc_;
  std::shared_ptr<listener> listener_;
  std::vector<std::thread> threads_;
  uint16_t port_ = 0;
  bool started_ = false;
};

} // namespace actorbus::admin
