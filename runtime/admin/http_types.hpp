#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

namespace actorbus::admin {

/// A parsed HTTP request as the admin server hands it to a route handler.
struct http_request {
  /// Method in upper case, e.g. "GET".
  std::string method;
  /// The raw request target, e.g. "/topics/orders/events?from=0".
  std::string target;
  /// The percent-decoded path segments ("/topics/orders" -> topics, orders).
  std::vector<std::string> segments;
  /// Values of the route pattern's `<name>` placeholders, percent-decoded.
  std::map<std::string, std::string> params;
  /// Percent-decoded query parameters; for a repeated key the last wins; a
  /// key without `=` maps to "".
  std::map<std::string, std::string> query;
  /// Header fields with lower-case names; repeated fields are joined by ",".
  std::map<std::string, std::string> headers;
  std::string body;
  /// Peer address, e.g. "127.0.0.1:53142".
  std::string remote;

  /// Returns the query parameter `key`, if present.
  std::optional<std::string> query_value(const std::string& key) const;

  /// Returns the path parameter `key` (empty if the route has none).
  std::string param(const std::string& key) const;
};

/// A response a handler completes a request with.
struct http_response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  /// Extra header fields, e.g. {"Allow", "GET"}.
  std::vector<std::pair<std::string, std::string>> headers;

  /// `body` is the serialized JSON value.
  static http_response json(unsigned status, const boost::json::value& body);

  /// A plain body with the given content type.
  static http_response text(unsigned status, std::string body,
                            std::string content_type
                            = "text/plain; charset=utf-8");

  /// The JSON error document {"error": <code>, "detail": <text>} that every
  /// non-2xx answer of the admin API carries.
  static http_response error(unsigned status, std::string_view error,
                             std::string_view detail);
};

/// Completes one request. May be called from any thread, at most once per
/// request; later calls and calls after the handler timeout answered 503 are
/// ignored. Calling it after the server stopped is harmless.
using responder = std::function<void(http_response)>;

/// A route handler. It runs on the admin server's own thread and must not
/// block: it starts its work (e.g. sends a request to an actor) and returns;
/// whoever finishes the work calls `reply`. A handler that throws
/// std::exception is answered with 500.
using handler = std::function<void(const http_request& req, responder reply)>;

} // namespace actorbus::admin
