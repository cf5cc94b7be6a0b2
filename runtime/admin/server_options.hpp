#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace actorbus {
struct admin_options;
} // namespace actorbus

namespace actorbus::admin {

/// Settings of the admin HTTP server. Defaults suit a node's admin endpoint.
struct server_options {
  /// Bind address; a non-loopback address requires a non-empty `token`.
  std::string address = "127.0.0.1";
  /// 0 picks a free port (see admin_server::port()).
  uint16_t port = 0;
  /// Bearer token (see auth_policy).
  std::string token;
  /// Requires the token even on loopback (tests, paranoid setups).
  bool require_token = false;
  /// Deadline for reading one whole request, and for an idle keep-alive
  /// connection to send its next one; the connection is closed after it.
  std::chrono::milliseconds read_timeout{10'000};
  /// Deadline for writing one response.
  std::chrono::milliseconds write_timeout{10'000};
  /// A handler that has not replied after this gets 503 sent for it.
  std::chrono::milliseconds handler_timeout{5'000};
  /// Larger request headers get 431, larger bodies 413; both close.
  size_t header_limit = 8 * 1024;
  size_t body_limit = 1024 * 1024;
  /// Connections beyond this get 503 and are closed.
  size_t max_connections = 256;
  /// Threads running the server's io_context (never the actor scheduler).
  size_t threads = 1;

  /// Address, port and token from the node's [admin] config section.
  static server_options from(const admin_options& cfg);
};

} // namespace actorbus::admin
