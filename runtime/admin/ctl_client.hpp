#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "caf/expected.hpp"

namespace actorbus::admin {

/// Where actorbusctl finds a node's admin endpoint.
struct node_address {
  std::string host;
  uint16_t port = 0;
};

/// "host:port" or "[v6]:port" for messages.
std::string to_string(const node_address& x);

/// Parses "host:port" / "[::1]:port"; `errc::invalid_argument` otherwise.
caf::expected<node_address> parse_node_address(std::string_view str);

/// Reads [admin] address and port of a node config file with CAF's config
/// parser. A wildcard address (0.0.0.0, ::) is reached over loopback. Returns
/// `errc::invalid_config` for an unreadable file, a missing [admin] port or
/// port 0 (a node picking a free port must be addressed with --node), and
/// stores [admin] token in `token` if the file sets one.
caf::expected<node_address> node_address_from_config(const std::string& file,
                                                     std::string& token);

/// One answer from the admin endpoint.
struct http_reply {
  unsigned status = 0;
  std::string content_type;
  std::string body;
};

/// A blocking HTTP/1.1 client for one request at a time (Boost.Beast), each
/// bounded by `timeout` from connect to the last byte read.
class ctl_client {
public:
  ctl_client(node_address node, std::string token,
             std::chrono::milliseconds timeout);

  /// Sends `method target` (target percent-encoded by the caller). Returns
  /// `errc::node_unreachable` ("cannot reach node at 127.0.0.1:9999:
  /// Connection refused") when connecting fails, `errc::timeout` ("node at
  /// 127.0.0.1:9999 did not answer within 5000ms") when the deadline passes,
  /// `errc::io_error` for a broken answer. Any HTTP status is a successful
  /// reply.
  caf::expected<http_reply> request(const std::string& method,
                                    const std::string& target);

  const node_address& node() const noexcept { return node_; }

private:
  node_address node_;
  std::string token_;
  std::chrono::milliseconds timeout_;
};

} // namespace actorbus::admin
