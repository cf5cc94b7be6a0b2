#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "caf/binary_deserializer.hpp"
#include "caf/binary_serializer.hpp"
#include "caf/expected.hpp"

#include "runtime/errc.hpp"

namespace actorbus::events {

/// The stable name of an event type, written into every envelope's `type`.
/// By default it is `T::event_type` (a `static constexpr const char*`);
/// specialize this trait for types you cannot change. The name must not
/// change once events of the type are stored.
template <class T>
struct event_type_name {
  static constexpr std::string_view value = T::event_type;
};

template <class T>
constexpr std::string_view event_type_name_v = event_type_name<T>::value;

/// Encodes a typed event (any struct with a CAF 0.17 `inspect()`) into payload
/// bytes with CAF's binary serializer. Plain data needs no actor system, so
/// the serializer runs with a null execution unit; events must therefore not
/// contain actor handles.
template <class T>
std::vector<char> encode(const T& event) {
  std::vector<char> buf;
  caf::binary_serializer sink{nullptr, buf};
  // Appending to a vector cannot fail for plain data.
  static_cast<void>(sink(const_cast<T&>(event)));
  return buf;
}

/// Decodes payload bytes into `T`. Fails with errc::decode_failed when the
/// bytes are truncated, malformed or longer than one `T`.
template <class T>
caf::expected<T> decode(const std::vector<char>& payload) {
  T result{};
  caf::binary_deserializer source{nullptr, payload};
  if (auto err = source(result))
    return caf::make_error(errc::decode_failed,
                           std::string{event_type_name_v<T>}, render(err));
  if (source.remaining() != 0)
    return caf::make_error(errc::decode_failed,
                           std::string{event_type_name_v<T>}, "trailing bytes",
                           source.remaining());
  return result;
}

} // namespace actorbus::events
