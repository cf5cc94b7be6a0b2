#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "runtime/admin/http_types.hpp"

namespace actorbus::admin {

/// Returns whether `address` is a loopback address (127.0.0.0/8, ::1).
/// Unparsable addresses are not loopback.
bool is_loopback_address(std::string_view address);

/// Who may call the admin endpoint.
///
/// - `required` (the endpoint is bound to a non-loopback address, or auth is
///   forced): every request needs `Authorization: Bearer <token>`.
/// - otherwise (loopback): the header is optional, but a request that sends
///   one must send the right token. A wrong token is a misconfigured script
///   and is better rejected than silently ignored. With no token configured,
///   the header is ignored.
///
/// Tokens are compared in constant time.
struct auth_policy {
  std::string token;
  bool required = false;

  /// Returns nullopt when the request may proceed, otherwise the 401 answer
  /// (JSON error, `WWW-Authenticate: Bearer`).
  std::optional<http_response>
  check(const std::string* authorization_header) const;
};

} // namespace actorbus::admin
