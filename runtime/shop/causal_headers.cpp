#include "runtime/shop/causal_headers.hpp"

namespace actorbus::shop {

std::vector<std::pair<std::string, std::string>>
causal_headers::to_pairs() const {
  return {{correlation_id_key, correlation_id},
          {causation_id_key, causation_id}};
}

causal_headers headers_for(std::string order_id, std::string cause_event_id) {
  return {std::move(order_id), std::move(cause_event_id)};
}

causal_headers
headers_from(const std::vector<std::pair<std::string, std::string>>& pairs) {
  causal_headers result;
  for (const auto& [key, value] : pairs) {
    if (key == correlation_id_key)
      result.correlation_id = value;
    else if (key == causation_id_key)
      result.causation_id = value;
  }
  return result;
}

} // namespace actorbus::shop
