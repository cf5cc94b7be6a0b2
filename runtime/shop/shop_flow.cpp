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

namespace {

/// One row of the table in shop_flow.hpp: a service consumes `topic` and
/// takes these event types from it. Rows of one service in join order.
struct subscription {
  service_id service;
  const char* topic;
  std::vector<const char*> types;
};

const std::vector<subscription>& subscriptions() {
  static const std::vector<subscription> table{
    {service_id::cart,
     topics::cart_commands,
     {add_to_cart::event_type, remove_from_cart::event_type,
      check_out::event_type}},
    {service_id::order, topics::carts, {checkout_requested::event_type}},
    {service_id::order,
     topics::payments,
     {payment_authorized::event_type, payment_declined::event_type}},
    {service_id::order,
     topics::inventory,
     {stock_reserved::event_type, out_of_stock::event_type}},
    {service_id::payment,
     topics::orders,
     {order_created::event_type, order_cancelled::event_type}},
    {service_id::inventory,
     topics::orders,
     {order_paid::event_type, order_cancelled::event_type}},
    {service_id::notification,
     topics::orders,
     {order_confirmed::event_type, order_cancelled::event_type}},
  };
  return table;
}

} // namespace

std::vector<std::string> inputs_of(service_id x) {
  std::vector<std::string> result;
  for (auto& row : subscriptions())
    if (row.service == x)
      result.emplace_back(row.topic);
  return result;
}

std::vector<std::string> types_taken(service_id x, const std::string& topic) {
  for (auto& row : subscriptions())
    if (row.service == x && row.topic == topic)
      return {row.types.begin(), row.types.end()};
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
