#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "caf/expected.hpp"

namespace actorbus::admin {

/// Where to start reading or to move a committed offset to, as written in
/// `?from=` / `?to=` and on actorbusctl's command line.
struct position {
  enum class kind { earliest, latest, offset, time };
  kind what = kind::earliest;
  /// For `offset`: the offset (>= 0), applied to every partition.
  int64_t offset = 0;
  /// For `time`: the first event at or after this instant.
  std::chrono::system_clock::time_point time;
};

/// Parses "earliest", "latest", a decimal offset ("42") or an ISO-8601 UTC
/// time ("2026-11-26T20:30:00Z", optional ".123" fraction, "Z" or "+02:00").
/// Returns an `errc::invalid_argument` error naming the bad input.
caf::expected<position> parse_position(std::string_view str);

/// Renders the form parse_position reads (times as "...T...Z" in UTC,
/// millisecond precision).
std::string to_string(const position& x);

/// Formats `t` as ISO-8601 UTC with milliseconds: "2026-11-26T20:30:00.123Z".
std::string format_iso8601(std::chrono::system_clock::time_point t);

} // namespace actorbus::admin
