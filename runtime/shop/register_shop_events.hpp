#pragma once

// Registers every shop event type with a type registry that offers
// `template <class T> void add()`, such as the broker's
// events::event_registry (which names each type by `T::event_type` and
// prints it as JSON through Boost.Describe). A template, so that this package
// stays independent of the broker's headers:
//
//   actorbus::events::event_registry registry;
//   actorbus::shop::register_shop_events(registry);

#include <variant>

#include "runtime/shop/shop_event.hpp"

namespace actorbus::shop {

namespace detail {

template <class Registry, class... Ts>
void register_all(Registry& registry, std::variant<Ts...>*) {
  (registry.template add<Ts>(), ...);
}

} // namespace detail

/// Calls `registry.add<T>()` for every alternative of `shop_event`.
template <class Registry>
void register_shop_events(Registry& registry) {
  detail::register_all(registry, static_cast<shop_event*>(nullptr));
}

} // namespace actorbus::shop
