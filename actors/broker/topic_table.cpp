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
  return result;
}

topic_table::topic_table(const broker_options& defaults,
                         std::vector<topic_config> declared)
  : auto_create_(defaults.auto_create_topics) {
  if (auto tmpl = defaults_from(defaults))
    template_ = std::move(*tmpl);
  for (auto& t : declared)
    topics_.emplace(t.name, std::move(t));
}

caf::expected<const topic_config*>
topic_table::find_or_create(const std::string& name) {
  created_last_ = false;
  if (name.empty())
    return caf::make_error(errc::invalid_argument, "empty topic name");
  if (auto i = topics_.find(name); i != topics_.end())
    return &i->second;
  auto origin = dlq_origin(name);
  const topic_config* base = &template_;
  if (!origin.empty()) {
    if (auto i = topics_.find(origin); i != topics_.end())
      base = &i->second;
    else if (!auto_create_)
      return caf::make_error(errc::unknown_topic, name);
  } else if (!auto_create_) {
    return caf::make_error(errc::unknown_topic, name);
  }
  auto cfg = *base;
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
