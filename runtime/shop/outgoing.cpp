#include "runtime/shop/outgoing.hpp"

namespace actorbus::shop {

outgoing make_outgoing(shop_event ev, const std::string& cause_event_id,
                       std::chrono::microseconds delay) {
  std::string topic = topic_of(ev);
  std::string key = order_id_of(ev);
  auto headers = headers_for(key, cause_event_id);
  return {std::move(ev), std::move(topic), std::move(key), std::move(headers),
          delay};
}

} // namespace actorbus::shop
