#include "runtime/config/topic_options.hpp"

#include <utility>

namespace actorbus {

namespace {

constexpr std::pair<std::string_view, std::string_view> key_map[] = {
  {"partitions", "broker.default-partitions"},
  {"durability", "broker.durability"},
  {"sync-interval", "broker.sync-interval"},
  {"segment-bytes", "broker.segment-bytes"},
  {"retention-bytes", "broker.retention-bytes"},
  {"retention-age", "broker.retention-age"},
  {"max-payload-bytes", "broker.max-payload-bytes"},
  {"cache-bytes", "broker.cache-bytes"},
};

template <class T>
std::optional<T> get_opt(const caf::settings& dict, std::string_view key) {
  auto i = dict.find(std::string{key});
  if (i == dict.end())
    return std::nullopt;
  if (auto x = caf::get_if<T>(&i->second))
    return *x;
  return std::nullopt;
}

} // namespace

std::string broker_key_of(std::string_view topic_key) {
  for (auto& [key, broker_key] : key_map)
    if (key == topic_key)
      return std::string{broker_key};
  return {};
}

std::string_view topic_keys_text() {
  return "partitions, durability, sync-interval, segment-bytes, "
         "retention-bytes, retention-age, max-payload-bytes, cache-bytes";
}

std::vector<topic_options> topic_options_from(const caf::settings& raw) {
  std::vector<topic_options> result;
  auto i = raw.find(std::string{topics_section});
  if (i == raw.end())
    return result;
  auto sections = caf::get_if<caf::settings>(&i->second);
  if (sections == nullptr)
    return result;
  for (auto& [name, val] : *sections) {
    auto dict = caf::get_if<caf::settings>(&val);
    if (dict == nullptr)
      continue;
    topic_options t;
    t.name = name;
    t.partitions = get_opt<int64_t>(*dict, "partitions");
    t.durability = get_opt<std::string>(*dict, "durability");
    t.sync_interval = get_opt<caf::timespan>(*dict, "sync-interval");
    t.segment_bytes = get_opt<int64_t>(*dict, "segment-bytes");
    t.retention_bytes = get_opt<int64_t>(*dict, "retention-bytes");
    t.retention_age = get_opt<caf::timespan>(*dict, "retention-age");
    t.max_payload_bytes = get_opt<int64_t>(*dict, "max-payload-bytes");
    t.cache_bytes = get_opt<int64_t>(*dict, "cache-bytes");
    result.push_back(std::move(t));
  }
  return result;
}

} // namespace actorbus
