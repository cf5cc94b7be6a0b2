#include "actors/broker/topic_table.hpp"

#include "runtime/errc.hpp"

namespace actorbus::broker {

namespace {

constexpr std::string_view dlq_suffix = ".dlq";

} // namespace

std::string dlq_origin(const std::string& topic) {
  if (topic.size() <= dlq_suffix.size()
      || topic.compare(topic.size() - dlq_suffix.size(), dlq_suffix.size(),
                       dlq_suffix)
           != 0)
    return {};
  return topic.substr(0, topic.size() - dlq_suffix.size());
}

std::string dlq_topic(const std::string& topic) {
  return topic + std::string{dlq_suffix};
}

caf::expected<topic_config>
topic_table::defaults_from(const broker_options& opts) {
  auto mode = log::parse_durability(opts.durability);
  if (!mode)
    return std::move(mode.error());
  topic_config result;
  result.partitions = static_cast<int32_t>(opts.default_partitions);
  result.durability = *mode;
  result.sync_interval
    = std::chrono::duration_cast<std::chrono::milliseconds>(opts.sync_interval);
  result.segment_bytes = static_cast<uint64_t>(opts.segment_bytes);
  result.retention_bytes = static_cast<uint64_t>(opts.retention_bytes);
  result.retention_age
    = std::chrono::duration_cast<std::chrono::milliseconds>(opts.retention_age);
  result.max_payload_bytes = static_cast<uint64_t>(opts.max_payload_bytes);
  result.cache_bytes = static_cast<uint64_t>(opts.cache_bytes);
  return result;
}

topic_table::topic_table(const broker_options& defaults,
                         std::vector<topic_config> declared)
  : overrides_(defaults.topics), auto_create_(defaults.auto_create_topics) {
  if (auto tmpl = defaults_from(defaults))
    template_ = std::move(*tmpl);
  for (auto& t : declared)
    topics_.emplace(t.name, std::move(t));
  // A [topics.<name>] section declares its topic (also without
  // auto-create); the validator already checked its values.
  for (auto& o : overrides_)
    if (topics_.count(o.name) == 0)
      if (auto cfg = config_for(o.name))
        topics_.emplace(o.name, std::move(*cfg));
}

caf::expected<topic_config>
topic_table::config_for(const std::string& name) const {
  auto result = template_;
  result.name = name;
  for (auto& o : overrides_) {
    if (o.name != name)
      continue;
    if (o.partitions)
      result.partitions = static_cast<int32_t>(*o.partitions);
    if (o.durability) {
      auto mode = log::parse_durability(*o.durability);
      if (!mode)
        return caf::make_error(errc::invalid_config,
                               "topics." + name + ".durability=\""
                                 + *o.durability + "\"");
      result.durability = *mode;
    }
    using std::chrono::duration_cast;
    using std::chrono::milliseconds;
    if (o.sync_interval)
      result.sync_interval = duration_cast<milliseconds>(*o.sync_interval);
    if (o.segment_bytes)
      result.segment_bytes = static_cast<uint64_t>(*o.segment_bytes);
    if (o.retention_bytes)
      result.retention_bytes = static_cast<uint64_t>(*o.retention_bytes);
    if (o.retention_age)
      result.retention_age = duration_cast<milliseconds>(*o.retention_age);
    if (o.max_payload_bytes)
      result.max_payload_bytes = static_cast<uint64_t>(*o.max_payload_bytes);
    if (o.cache_bytes)
      result.cache_bytes = static_cast<uint64_t>(*o.cache_bytes);
  }
  return result;
}

std::optional<int32_t> topic_table::adopt(const std::string& name,
                                          int32_t partitions) {
  auto i = topics_.find(name);
  if (i == topics_.end()) {
    auto origin = dlq_origin(name);
    auto base = origin.empty() ? config_for(name) : config_for(origin);
    auto cfg = base ? std::move(*base) : template_;
    cfg.name = name;
    i = topics_.emplace(name, std::move(cfg)).first;
  }
  auto configured = i->second.partitions;
  i->second.partitions = partitions;
  if (configured != partitions)
    return configured;
  return std::nullopt;
}

caf::expected<const topic_config*>
topic_table::find_or_create(const std::string& name) {
  created_last_ = false;
  if (name.empty())
    return caf::make_error(errc::invalid_argument, "empty topic name");
  if (auto i = topics_.find(name); i != topics_.end())
    return &i->second;
  auto origin = dlq_origin(name);
  topic_config cfg;
  if (!origin.empty()) {
    if (auto i = topics_.find(origin); i != topics_.end())
      cfg = i->second;
    else if (!auto_create_)
      return caf::make_error(errc::unknown_topic, name);
    else if (auto base = config_for(origin))
      cfg = std::move(*base);
    else
      return std::move(base.error());
  } else if (!auto_create_) {
    return caf::make_error(errc::unknown_topic, name);
  } else if (auto base = config_for(name)) {
    cfg = std::move(*base);
  } else {
    return std::move(base.error());
  }
  cfg.name = name;
  created_last_ = true;
  return &topics_.emplace(name, std::move(cfg)).first->second;
}

const topic_config* topic_table::find(const std::string& name) const {
  auto i = topics_.find(name);
  return i != topics_.end() ? &i->second : nullptr;
}

std::vector<const topic_config*> topic_table::all() const {
  std::vector<const topic_config*> result;
  for (auto& kvp : topics_)
    result.push_back(&kvp.second);
  return result;
}

} // namespace actorbus::broker
