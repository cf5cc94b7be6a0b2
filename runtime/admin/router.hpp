#pragma once

#include <map>
#include <string>
#include <vector>

#include "runtime/admin/http_types.hpp"

namespace actorbus::admin {

/// Maps (method, path) to handlers. A pattern is a path whose segments are
/// literals or `<name>` placeholders matching exactly one non-empty segment,
/// e.g. "/groups/<group>/topics/<topic>/reset-offsets". Literal segments win
/// over placeholders when two patterns match the same path.
///
/// Not thread-safe for `add`: register all routes before the server starts.
class router {
public:
  /// Throws std::invalid_argument for a pattern that does not start with '/',
  /// has an empty or malformed placeholder, or duplicates method + pattern.
  void add(std::string method, const std::string& pattern, handler fn);

  struct match_result {
    /// 200 when `fn` is set, otherwise 404 (no pattern matches the path) or
    /// 405 (a pattern matches, but not with this method).
    unsigned status = 404;
    const handler* fn = nullptr;
    std::map<std::string, std::string> params;
    /// For 405: the methods the path supports, e.g. "GET, POST".
    std::string allow;
  };

  match_result match(const std::string& method,
                     const std::vector<std::string>& segments) const;

private:
  struct route {
    std::string method;
    std::vector<std::string> pattern;
    handler fn;
  };

  /// Returns the number of literal segments matched, or -1 for no match.
  static int score(const route& r, const std::vector<std::string>& segments);

  std::vector<route> routes_;
};

/// Splits a path pattern or path into segments ("/a/b" -> a, b; "/" -> none).
std::vector<std::string> split_path(const std::string& path);

} // namespace actorbus::admin
