#include "runtime/clock.hpp"

namespace actorbus {

clock::wall_time system_clock::wall_now() const {
  return std::chrono::system_clock::now();
}

clock::mono_time system_clock::mono_now() const {
  return std::chrono::steady_clock::now();
}

const system_clock& system_clock::instance() {
  static const system_clock instance;
  return instance;
}

manual_clock::manual_clock()
  : manual_clock(wall_time{std::chrono::seconds{1767225600}}) {
  // 1767225600 = 2026-01-01T00:00:00Z
}

manual_clock::manual_clock(wall_time start) : wall_start_(start) {
  // nop
}

clock::wall_time manual_clock::wall_now() const {
  return wall_start_
         + std::chrono::duration_cast<wall_time::duration>(
           std::chrono::nanoseconds{elapsed_ns_.load()});
}

clock::mono_time manual_clock::mono_now() const {
  return mono_time{std::chrono::nanoseconds{elapsed_ns_.load()}};
}

void manual_clock::advance(std::chrono::nanoseconds d) {
  if (d.count() > 0)
    elapsed_ns_ += d.count();
}

} // namespace actorbus
