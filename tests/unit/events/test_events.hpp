#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>

#include "caf/meta/type_name.hpp"

namespace actorbus::test {

/// A typed event as an application would write it: a struct with inspect()
/// for the payload and a Boost.Describe description for JSON.
struct order_placed {
  static constexpr const char* event_type = "test.OrderPlaced";
  std::string order_id;
  int64_t amount_cents = 0;
  std::vector<std::string> items;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_placed& x) {
  return f(caf::meta::type_name("test.OrderPlaced"), x.order_id, x.amount_cents,
           x.items);
}

BOOST_DESCRIBE_STRUCT(order_placed, (), (order_id, amount_cents, items))

} // namespace actorbus::test
