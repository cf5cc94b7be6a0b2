#include "runtime/shop/shop_codec.hpp"

#include <string>
#include <utility>

#include "caf/binary_deserializer.hpp"
#include "caf/binary_serializer.hpp"
#include "runtime/errc.hpp"

namespace actorbus::shop {

namespace {

template <class T>
caf::expected<shop_event> decode_as(const std::vector<char>& payload) {
  T result;
  caf::binary_deserializer source{nullptr, payload};
  if (auto err = source(result))
    return caf::make_error(errc::decode_failed, T::event_type, render(err));
  if (source.remaining() != 0)
    return caf::make_error(errc::decode_failed, T::event_type, "trailing bytes",
                           source.remaining());
  return shop_event{std::move(result)};
}

// Tries every alternative of the variant in turn.
template <size_t I = 0>
caf::expected<shop_event> decode_at(std::string_view type,
                                    const std::vector<char>& payload) {
  if constexpr (I == std::variant_size_v<shop_event>) {
    return caf::make_error(errc::unknown_event_type, std::string{type});
  } else {
    using T = std::variant_alternative_t<I, shop_event>;
    if (type == T::event_type)
      return decode_as<T>(payload);
    return decode_at<I + 1>(type, payload);
  }
}

} // namespace

std::vector<char> encode_shop_event(const shop_event& ev) {
  std::vector<char> buf;
  caf::binary_serializer sink{nullptr, buf};
  std::visit(
    [&sink](const auto& x) {
      auto copy = x; // inspect() takes a mutable reference
      // Appending plain data to a vector cannot fail.
      static_cast<void>(sink(copy));
    },
    ev);
  return buf;
}

caf::expected<shop_event> decode_shop_event(std::string_view type,
                                            const std::vector<char>& payload) {
  return decode_at(type, payload);
}

} // namespace actorbus::shop
