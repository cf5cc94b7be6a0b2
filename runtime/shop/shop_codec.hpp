#pragma once

// Payload encoding of shop events: CAF's binary serializer over inspect()
// with a null execution unit (the same bytes as the broker's
// events::encode<T>), and decoding by type name into a `shop_event`, so a
// service actor decodes any delivered envelope with one call:
//
//   auto ev = decode_shop_event(env.type, env.payload);
//   if (!ev) ... dead-letter / fail (errc::unknown_event_type or
//                errc::decode_failed);
//   auto out = state.handle(*ev, event_id);
//
// Type names are the structs' `event_type` ("shop::order_created"); they are
// stored in every envelope and must never change.

#include <string_view>
#include <vector>

#include "caf/expected.hpp"
#include "runtime/shop/shop_event.hpp"

namespace actorbus::shop {

/// The payload bytes of `ev`.
std::vector<char> encode_shop_event(const shop_event& ev);

/// Decodes a payload of the type named `type`. Fails with
/// errc::unknown_event_type for a name that is not a shop event and with
/// errc::decode_failed for truncated, malformed or over-long payloads.
caf::expected<shop_event> decode_shop_event(std::string_view type,
                                            const std::vector<char>& payload);

} // namespace actorbus::shop
