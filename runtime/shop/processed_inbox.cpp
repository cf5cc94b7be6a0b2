#include "runtime/shop/processed_inbox.hpp"

namespace actorbus::shop {

bool processed_inbox::seen(const std::string& event_id) {
  if (!contains(event_id))
    return false;
  ++redeliveries_;
  return true;
}

bool processed_inbox::contains(const std::string& event_id) const {
  return ids_.contains(event_id);
}

void processed_inbox::record(const std::string& event_id) {
  ids_.insert(event_id);
}

} // namespace actorbus::shop
