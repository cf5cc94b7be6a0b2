#include "runtime/events/event_id_set.hpp"

namespace actorbus::events {

namespace {

// Value of each lower-case hex digit, 0xFF for every other byte: one load
// per character instead of two unpredictable range checks.
struct hex_table {
  uint8_t value[256];
  constexpr hex_table() : value() {
    for (int c = 0; c < 256; ++c)
      value[c] = 0xFF;
    for (int c = '0'; c <= '9'; ++c)
      value[c] = static_cast<uint8_t>(c - '0');
    for (int c = 'a'; c <= 'f'; ++c)
      value[c] = static_cast<uint8_t>(c - 'a' + 10);
  }
};

constexpr hex_table hex_values{};

} // namespace

std::string id_text(const boost::uuids::uuid& id) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(32, '0');
  size_t i = 0;
  for (auto b : id) {
    out[i++] = hex[b >> 4];
    out[i++] = hex[b & 0xF];
  }
  return out;
}

std::optional<boost::uuids::uuid> parse_id_text(std::string_view text) {
  boost::uuids::uuid id{};
  if (text.size() != 2 * id.size())
    return std::nullopt;
  auto p = reinterpret_cast<const unsigned char*>(text.data());
  uint8_t bad = 0;
  for (size_t i = 0; i < id.size(); ++i) {
    auto hi = hex_values.value[p[2 * i]];
    auto lo = hex_values.value[p[2 * i + 1]];
    bad |= (hi | lo) & 0xF0;
    id.data[i] = static_cast<uint8_t>(hi << 4 | (lo & 0x0F));
  }
  if (bad != 0)
    return std::nullopt;
  return id;
}

bool event_id_set::contains(std::string_view id) const {
  if (auto parsed = parse_id_text(id))
    return contains(*parsed);
  return !id.empty() && others_.count(std::string{id}) != 0;
}

bool event_id_set::insert(std::string_view id) {
  if (auto parsed = parse_id_text(id))
    return insert(*parsed);
  return !id.empty() && others_.emplace(id).second;
}

} // namespace actorbus::events
