#include "runtime/events/event_id_set.hpp"

namespace actorbus::events {

namespace {

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

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
  for (size_t i = 0; i < id.size(); ++i) {
    auto hi = hex_value(text[2 * i]);
    auto lo = hex_value(text[2 * i + 1]);
    if (hi < 0 || lo < 0)
      return std::nullopt;
    id.data[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
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
