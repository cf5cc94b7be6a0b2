#pragma once

#include <atomic>
#include <chrono>

namespace actorbus {

/// Injectable time source. `wall_now()` stamps events (system clock, epoch
/// based, serializable); `mono_now()` measures durations and schedules
/// deadlines (never goes backwards). Implementations are thread-safe.
class clock {
public:
  using wall_time = std::chrono::system_clock::time_point;
  using mono_time = std::chrono::steady_clock::time_point;

  virtual ~clock() = default;
  virtual wall_time wall_now() const = 0;
  virtual mono_time mono_now() const = 0;
};

/// The real clocks of the process.
class system_clock final : public clock {
public:
  wall_time wall_now() const override;
  mono_time mono_now() const override;

  /// A process-wide instance (stateless, so sharing it is harmless).
  static const system_clock& instance();
};

/// A clock that only moves when told to; for tests. Both time lines start at
/// the given wall time (default: 2026-01-01T00:00:00Z) and advance together.
class manual_clock final : public clock {
public:
  manual_clock();
  explicit manual_clock(wall_time start);

  wall_time wall_now() const override;
  mono_time mono_now() const override;

  /// Moves both time lines forward by `d` (negative values are ignored).
  void advance(std::chrono::nanoseconds d);

private:
  wall_time wall_start_;
  std::atomic<int64_t> elapsed_ns_{0};
};

} // namespace actorbus
