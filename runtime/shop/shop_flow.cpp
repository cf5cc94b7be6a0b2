#include "runtime/shop/shop_flow.hpp"

#include <algorithm>

#include "runtime/shop/shop_events.hpp"
#include "runtime/shop/shop_topics.hpp"

namespace actorbus::shop {

const char* name_of(service_id x) noexcept {
  switch (x) {
    case service_id::cart:
      return "cart";
    case service_id::order:
      return "order";
    case service_id::payment:
      return "payment";
    case service_id::inventory:
      return "inventory";
    case service_id::notification:
      return "notification";
  }
  return "unknown";
}

const char* output_of(service_id x) noexcept {
  switch (x) {
    case service_id::cart:
      return topics::carts;
    case service_id::order:
      return topics::orders;
    case service_id::payment:
      return topics::payments;
    case service_id::inventory:
      return topics::inventory;
    case service_id::notification:
      return topics::notifications;
  }
  return "";
}

std::vector<std::string> inputs_of(service_id x) {
  switch (x) {
    case service_id::cart:
      return {topics::cart_commands};
    case service_id::order:
      return {topics::carts, topics::payments, topics::inventory};
    case service_id::payment:
    case service_id::inventory:
    case service_id::notification:
      return {topics::orders};
  }
  return {};
}

std::vector<std::string> types_taken(service_id x, const std::string& topic) {
  switch (x) {
    case service_id::cart:
      if (topic == topics::cart_commands)
        return {add_to_cart::event_type, remove_from_cart::event_type,
                check_out::event_type};
      break;
    case service_id::order:
      if (topic == topics::carts)
        return {checkout_requested::event_type};
      if (topic == topics::payments)
        return {payment_authorized::event_type, payment_declined::event_type};
      if (topic == topics::inventory)
        return {stock_reserved::event_type, out_of_stock::event_type};
      break;
    case service_id::payment:
      if (topic == topics::orders)
        return {order_created::event_type, order_cancelled::event_type};
      break;
    case service_id::inventory:
      if (topic == topics::orders)
        return {order_paid::event_type, order_cancelled::event_type};
      break;
    case service_id::notification:
      if (topic == topics::orders)
        return {order_confirmed::event_type, order_cancelled::event_type};
      break;
  }
  return {};
}

std::vector<service_id> consumers_of(const std::string& topic) {
  std::vector<service_id> result;
  for (auto x : all_services) {
    auto in = inputs_of(x);
    if (std::find(in.begin(), in.end(), topic) != in.end())
      result.push_back(x);
  }
  return result;
}

} // namespace actorbus::shop
