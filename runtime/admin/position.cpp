#include "runtime/admin/position.hpp"

#include <charconv>
#include <ctime>
#include <iomanip>
#include <sstream>

#include "runtime/errc.hpp"

namespace actorbus::admin {

namespace {

using namespace std::chrono;

caf::error bad(std::string_view str) {
  return caf::make_error(errc::invalid_argument,
                         "expected earliest, latest, an offset or an "
                         "ISO-8601 time like 2026-11-26T20:30:00Z, got '"
                           + std::string{str} + "'");
}

bool parse_int(std::string_view str, int64_t& out) {
  if (str.empty())
    return false;
  auto res = std::from_chars(str.data(), str.data() + str.size(), out);
  return res.ec == std::errc{} && res.ptr == str.data() + str.size();
}

/// Parses the part after the seconds: ".fff" fraction, then "Z" or "+hh:mm".
bool parse_tail(std::string_view tail, milliseconds& frac, minutes& zone) {
  frac = milliseconds{0};
  zone = minutes{0};
  if (!tail.empty() && tail[0] == '.') {
    size_t n = 1;
    int64_t ms = 0;
    int digits = 0;
    while (n < tail.size() && tail[n] >= '0' && tail[n] <= '9') {
      if (digits < 3) {
        ms = ms * 10 + (tail[n] - '0');
        ++digits;
      }
      ++n;
    }
    if (n == 1)
      return false;
    for (; digits < 3; ++digits)
      ms *= 10;
    frac = milliseconds{ms};
    tail.remove_prefix(n);
  }
  if (tail == "Z")
    return true;
  int64_t hh = 0;
  int64_t mm = 0;
  if (tail.size() != 6 || (tail[0] != '+' && tail[0] != '-') || tail[3] != ':'
      || !parse_int(tail.substr(1, 2), hh) || !parse_int(tail.substr(4, 2), mm)
      || hh > 23 || mm > 59)
    return false;
  zone = minutes{(tail[0] == '-' ? -1 : 1) * (hh * 60 + mm)};
  return true;
}

} // namespace

caf::expected<position> parse_position(std::string_view str) {
  position result;
  if (str == "earliest")
    return result;
  if (str == "latest") {
    result.what = position::kind::latest;
    return result;
  }
  if (parse_int(str, result.offset)) {
    if (result.offset < 0)
      return bad(str);
    result.what = position::kind::offset;
    return result;
  }
  if (str.size() < 20)
    return bad(str);
  std::tm tm{};
  std::istringstream in{std::string{str.substr(0, 19)}};
  in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%S");
  if (in.fail() || str[10] != 'T')
    return bad(str);
  milliseconds frac;
  minutes zone;
  if (!parse_tail(str.substr(19), frac, zone))
    return bad(str);
  auto secs = timegm(&tm);
  if (secs == -1)
    return bad(str);
  result.what = position::kind::time;
  result.time = system_clock::time_point{seconds{secs}} + frac - zone;
  return result;
}

std::string format_iso8601(system_clock::time_point t) {
  auto ms = duration_cast<milliseconds>(t.time_since_epoch()).count();
  auto secs = static_cast<std::time_t>(ms / 1000);
  auto rem = ms % 1000;
  if (rem < 0) {
    rem += 1000;
    --secs;
  }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof(out), "%s.%03dZ", buf, static_cast<int>(rem));
  return out;
}

std::string to_string(const position& x) {
  switch (x.what) {
    case position::kind::earliest:
      return "earliest";
    case position::kind::latest:
      return "latest";
    case position::kind::offset:
      return std::to_string(x.offset);
    default:
      return format_iso8601(x.time);
  }
}

} // namespace actorbus::admin
