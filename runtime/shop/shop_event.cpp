#include "runtime/shop/shop_event.hpp"

#include <boost/json/value_from.hpp>

namespace actorbus::shop {

std::string to_string(cancel_reason x) {
  switch (x) {
    case cancel_reason::payment_declined:
      return "payment_declined";
    case cancel_reason::out_of_stock:
      return "out_of_stock";
    case cancel_reason::empty_cart:
      return "empty_cart";
  }
  return "unknown";
}

std::string to_string(notice_kind x) {
  return x == notice_kind::confirmation ? "confirmation" : "cancellation";
}

const char* topic_of(const shop_event& ev) noexcept {
  return std::visit([](const auto& x) { return x.topic; }, ev);
}

const char* type_name_of(const shop_event& ev) noexcept {
  return std::visit([](const auto& x) { return x.event_type; }, ev);
}

const std::string& order_id_of(const shop_event& ev) noexcept {
  return std::visit(
    [](const auto& x) -> const std::string& { return x.order_id; }, ev);
}

boost::json::value to_json(const shop_event& ev) {
  return std::visit(
    [](const auto& x) {
      return boost::json::value{{"type", x.event_type},
                                {"event", boost::json::value_from(x)}};
    },
    ev);
}

} // namespace actorbus::shop
