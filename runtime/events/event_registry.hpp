#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <boost/describe/class.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

#include "caf/expected.hpp"

#include "runtime/events/envelope.hpp"
#include "runtime/events/event_codec.hpp"

namespace actorbus::events {

/// Maps event type names to decoders that turn a payload into JSON, so tools
/// (actorbus-ctl, the admin endpoint) can print any stored event.
///
/// JSON needs field names, which CAF 0.17's inspect() does not provide:
/// a registered type must also be described with Boost.Describe
/// (`BOOST_DESCRIBE_STRUCT(T, (), (field1, field2))`); Boost.JSON's
/// `value_from` then converts it. Not thread-safe for writes: register all
/// types at start-up, then share it read-only.
class event_registry {
public:
  using to_json_fn = std::function<caf::expected<boost::json::value>(
    const std::vector<char>&)>;

  /// Registers `T` under `event_type_name_v<T>`; re-registering replaces.
  template <class T>
  void add() {
    add(std::string{event_type_name_v<T>},
        [](const std::vector<char>& payload)
          -> caf::expected<boost::json::value> {
          auto ev = decode<T>(payload);
          if (!ev)
            return std::move(ev.error());
          return boost::json::value_from(*ev);
        });
  }

  void add(std::string type_name, to_json_fn fn);

  bool contains(std::string_view type_name) const;

  /// The registered names, sorted.
  std::vector<std::string> names() const;

  /// Decodes only the payload; errc::unknown_event_type if not registered,
  /// errc::decode_failed if the bytes do not match the type.
  caf::expected<boost::json::value>
  payload_json(const std::string& type_name,
               const std::vector<char>& payload) const;

  /// Metadata plus "event": the decoded payload. Events of unknown types or
  /// with undecodable payloads are still printed, with "event": null and
  /// "decode_error": "<why>".
  boost::json::object to_json(const envelope& x) const;

private:
  std::map<std::string, to_json_fn, std::less<>> decoders_;
};

} // namespace actorbus::events
