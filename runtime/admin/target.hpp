#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "caf/expected.hpp"

namespace actorbus::admin {

/// A request target in origin form ("/a/b%20c?x=1&y"), parsed with Boost.URL.
struct parsed_target {
  /// Percent-decoded path segments.
  std::vector<std::string> segments;
  /// Percent-decoded query parameters (last value wins; "y" maps to "").
  std::map<std::string, std::string> query;
};

/// Parses `target`; returns an `errc::bad_request` error naming the problem
/// when it is not a valid origin-form target.
caf::expected<parsed_target> parse_target(std::string_view target);

/// Percent-encodes one path segment or query value (for clients).
std::string encode_component(std::string_view text);

} // namespace actorbus::admin
