#include "runtime/logging/logger.hpp"

#include <cstdio>
#include <ctime>

namespace actorbus::logging {

namespace {

bool needs_quotes(std::string_view str) {
  if (str.empty())
    return true;
  for (char c : str)
    if (c == ' ' || c == '"' || c == '=' || c == '\n' || c == '\t')
      return true;
  return false;
}

void append_value(std::string& out, std::string_view str) {
  if (!needs_quotes(str)) {
    out += str;
    return;
  }
  out += '"';
  for (char c : str) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  out += '"';
}

void append_time(std::string& out, clock::wall_time t) {
  using namespace std::chrono;
  auto secs = time_point_cast<seconds>(t);
  auto ms = duration_cast<milliseconds>(t - secs).count();
  auto tt = std::chrono::system_clock::to_time_t(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[80];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  out += buf;
}

} // namespace

std::string_view to_string(level x) noexcept {
  switch (x) {
    case level::trace:
      return "trace";
    case level::debug:
      return "debug";
    case level::info:
      return "info";
    case level::warn:
      return "warn";
    case level::error:
      return "error";
    case level::off:
      return "off";
  }
  return "?";
}

std::optional<level> parse_level(std::string_view str) noexcept {
  for (auto x : {level::trace, level::debug, level::info, level::warn,
                 level::error, level::off})
    if (to_string(x) == str)
      return x;
  return std::nullopt;
}

std::string field::render_duration(std::chrono::nanoseconds d) {
  using namespace std::chrono;
  auto ns = d.count();
  if (ns != 0 && ns % 1'000'000'000 == 0)
    return std::to_string(ns / 1'000'000'000) + "s";
  if (ns != 0 && ns % 1'000'000 == 0)
    return std::to_string(ns / 1'000'000) + "ms";
  if (ns != 0 && ns % 1'000 == 0 && ns < 1'000'000)
    return std::to_string(ns / 1'000) + "us";
  // Not a whole unit: three decimals of the largest unit that fits.
  char buf[32];
  auto fmt = [&](double v, const char* unit) {
    std::snprintf(buf, sizeof(buf), "%.3f%s", v, unit);
    return std::string{buf};
  };
  auto abs = ns < 0 ? -ns : ns;
  if (abs >= 1'000'000'000)
    return fmt(static_cast<double>(ns) / 1e9, "s");
  if (abs >= 1'000'000)
    return fmt(static_cast<double>(ns) / 1e6, "ms");
  if (abs >= 1'000)
    return fmt(static_cast<double>(ns) / 1e3, "us");
  return std::to_string(ns) + "ns";
}

logger::logger(level min, const clock* clk) : min_(min), clock_(clk) {
  sink_ = [](std::string_view line) {
    std::string buf{line};
    buf += '\n';
    std::fwrite(buf.data(), 1, buf.size(), stderr);
  };
}

void logger::set_sink(sink_fn fn) {
  std::lock_guard<std::mutex> guard{mtx_};
  sink_ = std::move(fn);
}

void logger::log(level lvl, std::string_view component,
                 std::string_view message,
                 std::initializer_list<field> fields) {
  if (!enabled(lvl))
    return;
  auto line = format(clock_->wall_now(), lvl, component, message, fields);
  std::lock_guard<std::mutex> guard{mtx_};
  sink_(line);
}

std::string logger::format(clock::wall_time t, level lvl,
                           std::string_view component, std::string_view message,
                           std::initializer_list<field> fields) {
  static constexpr const char* names[]
    = {"TRACE", "DEBUG", "INFO ", "WARN ", "ERROR", "OFF  "};
  std::string out;
  out.reserve(96);
  append_time(out, t);
  out += ' ';
  out += names[static_cast<int>(lvl)];
  out += ' ';
  out += component;
  out += ": ";
  out += message;
  for (auto& f : fields) {
    out += ' ';
    out += f.key;
    out += '=';
    append_value(out, f.value);
  }
  return out;
}

logger& default_logger() {
  static logger instance;
  return instance;
}

} // namespace actorbus::logging
