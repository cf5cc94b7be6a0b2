#pragma once

// The live progress line of shop-sim:
//   orders placed=1200 confirmed=1000 cancelled=50 | 53211 events/s | lag 120
// On a terminal the line is rewritten in place ("\r" + line + erase to end of
// line, no newline); otherwise each call yields a plain line ending in "\n",
// meant to be printed periodically (e.g. once a second).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace actorbus::shop {

struct progress_sample {
  uint64_t placed = 0;
  uint64_t confirmed = 0;
  uint64_t cancelled = 0;
  /// Events published so far, all topics.
  uint64_t events = 0;
  /// Events published but not yet acked, summed over consumer groups.
  uint64_t lag = 0;
  /// Time since the start of the run.
  std::chrono::nanoseconds elapsed{0};
};

/// Formats the line for `now`; events/s is measured since `previous` (or
/// since the start without one).
std::string format_progress(const progress_sample& now,
                            const std::optional<progress_sample>& previous);

/// Remembers the previous sample and adds the terminal or plain framing.
class progress_meter {
public:
  explicit progress_meter(bool terminal) : terminal_(terminal) {}

  /// The text to write for `now`.
  std::string update(const progress_sample& now);

  /// On a terminal, the newline that ends the in-place line; else "".
  std::string finish() const;

private:
  bool terminal_;
  std::optional<progress_sample> previous_;
};

} // namespace actorbus::shop
