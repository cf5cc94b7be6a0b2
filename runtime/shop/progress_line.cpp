#include "runtime/shop/progress_line.hpp"

#include <algorithm>
#include <cstdio>

namespace actorbus::shop {

std::string format_progress(const progress_sample& now,
                            const std::optional<progress_sample>& previous) {
  auto events = now.events;
  auto span = now.elapsed;
  if (previous) {
    events -= std::min(events, previous->events);
    span -= previous->elapsed;
  }
  auto secs = std::chrono::duration<double>(span).count();
  auto rate = secs > 0.0 ? static_cast<double>(events) / secs : 0.0;
  char buf[256];
  std::snprintf(buf, sizeof(buf),
                "orders placed=%llu confirmed=%llu cancelled=%llu | %.0f "
                "events/s | lag %llu",
                static_cast<unsigned long long>(now.placed),
                static_cast<unsigned long long>(now.confirmed),
                static_cast<unsigned long long>(now.cancelled), rate,
                static_cast<unsigned long long>(now.lag));
  return buf;
}

std::string progress_meter::update(const progress_sample& now) {
  auto line = format_progress(now, previous_);
  previous_ = now;
  if (terminal_)
    return "\r" + line + "\x1b[K";
  return line + "\n";
}

std::string progress_meter::finish() const {
  return terminal_ && previous_ ? "\n" : "";
}

} // namespace actorbus::shop
