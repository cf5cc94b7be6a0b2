#pragma once

#include <chrono>
#include <functional>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "runtime/clock.hpp"

namespace actorbus::logging {

/// Severity, lowest first. `off` silences a logger.
enum class level : uint8_t { trace, debug, info, warn, error, off };

std::string_view to_string(level x) noexcept;

/// Parses "trace", "debug", "info", "warn", "error" or "off".
std::optional<level> parse_level(std::string_view str) noexcept;

/// One key=value pair of a log line. Values are rendered when the field is
/// built: strings as they are, numbers in decimal, durations with a unit
/// ("250ms"), booleans as true/false.
struct field {
  std::string key;
  std::string value;

  field(std::string k, std::string v)
    : key(std::move(k)), value(std::move(v)) {}
  template <class T>
  field(std::string k, T v,
        std::enable_if_t<std::is_same_v<T, std::string_view>, int> = 0)
    : key(std::move(k)), value(v) {}
  field(std::string k, const char* v) : key(std::move(k)), value(v) {}
  field(std::string k, bool v)
    : key(std::move(k)), value(v ? "true" : "false") {}

  template <class T, class = std::enable_if_t<std::is_arithmetic_v<T>>>
  field(std::string k, T v) : key(std::move(k)), value(std::to_string(v)) {}

  template <class Rep, class Period>
  field(std::string k, std::chrono::duration<Rep, Period> d)
    : key(std::move(k)), value(render_duration(d)) {}

  static std::string render_duration(std::chrono::nanoseconds d);
};

/// A small logging facade: one line per event, written to a sink (stderr by
/// default) as
///   2026-11-26T20:30:00.123Z INFO  payment: restarted attempt=2/5
///   backoff=200ms
/// i.e. time (UTC), level, component or actor name, message, key=value fields.
/// Values with spaces, quotes or '=' are quoted. Thread-safe: lines from
/// different threads never interleave.
class logger {
public:
  using sink_fn = std::function<void(std::string_view line)>;

  explicit logger(level min = level::info,
                  const clock* clk = &system_clock::instance());

  void set_level(level x) noexcept { min_ = x; }
  level min_level() const noexcept { return min_; }
  bool enabled(level x) const noexcept { return x != level::off && x >= min_; }

  /// Replaces the sink; the sink receives each line without its newline.
  void set_sink(sink_fn fn);

  void log(level lvl, std::string_view component, std::string_view message,
           std::initializer_list<field> fields = {});

  /// Formats one line (without newline); exposed for tests.
  static std::string format(clock::wall_time t, level lvl,
                            std::string_view component,
                            std::string_view message,
                            std::initializer_list<field> fields);

private:
  level min_;
  const clock* clock_;
  std::mutex mtx_;
  sink_fn sink_;
};

/// The process-wide logger used by the convenience functions below. Apps set
/// its level from the `log.level` config value at start-up.
logger& default_logger();

inline void trace(std::string_view c, std::string_view m,
                  std::initializer_list<field> f = {}) {
  default_logger().log(level::trace, c, m, f);
}
inline void debug(std::string_view c, std::string_view m,
                  std::initializer_list<field> f = {}) {
  default_logger().log(level::debug, c, m, f);
}
inline void info(std::string_view c, std::string_view m,
                 std::initializer_list<field> f = {}) {
  default_logger().log(level::info, c, m, f);
}
inline void warn(std::string_view c, std::string_view m,
                 std::initializer_list<field> f = {}) {
  default_logger().log(level::warn, c, m, f);
}
inline void error(std::string_view c, std::string_view m,
                  std::initializer_list<field> f = {}) {
  default_logger().log(level::error, c, m, f);
}

} // namespace actorbus::logging
