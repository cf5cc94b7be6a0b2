#include "runtime/events/event_registry.hpp"

namespace actorbus::events {

void event_registry::add(std::string type_name, to_json_fn fn) {
  decoders_[std::move(type_name)] = std::move(fn);
}

bool event_registry::contains(std::string_view type_name) const {
  return decoders_.find(type_name) != decoders_.end();
}

std::vector<std::string> event_registry::names() const {
  std::vector<std::string> result;
  for (auto& kvp : decoders_)
    result.push_back(kvp.first);
  return result;
}

caf::expected<boost::json::value>
event_registry::payload_json(const std::string& type_name,
                             const std::vector<char>& payload) const {
  auto i = decoders_.find(type_name);
  if (i == decoders_.end())
    return caf::make_error(errc::unknown_event_type, type_name);
  return i->second(payload);
}

boost::json::object event_registry::to_json(const envelope& x) const {
  auto obj = metadata_json(x);
  auto ev = payload_json(x.type, x.payload);
  if (ev) {
    obj["event"] = std::move(*ev);
  } else {
    obj["event"] = nullptr;
    obj["decode_error"] = render(ev.error());
  }
  return obj;
}

} // namespace actorbus::events
