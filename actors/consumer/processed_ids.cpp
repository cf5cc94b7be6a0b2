#include "actors/consumer/processed_ids.hpp"

namespace actorbus::consumer {

std::string id_text(const boost::uuids::uuid& id) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(32);
  for (auto b : id) {
    out += hex[b >> 4];
    out += hex[b & 0xF];
  }
  return out;
}

void processed_ids::record(const std::string& id) {
  if (!id.empty())
    ids_.insert(id);
}

} // namespace actorbus::consumer
