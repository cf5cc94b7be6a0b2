#include "actors/broker/typed_producer.hpp"

#include <boost/uuid/uuid_io.hpp>

namespace actorbus::broker {

typed_producer::typed_producer(std::string producer_id)
  : id_(std::move(producer_id)) {
  // nop
}

typed_producer::typed_producer()
  : typed_producer(boost::uuids::to_string(events::make_event_id())) {
  // nop
}

void typed_producer::learn(const topic_metadata& meta) {
  auto& info = topics_[meta.topic];
  if (info.partitions == meta.partitions)
    return;
  info.partitions = meta.partitions;
  info.next_sequence.resize(static_cast<size_t>(meta.partitions), 0);
}

bool typed_producer::knows(const std::string& topic) const {
  return topics_.count(topic) > 0;
}

caf::expected<publish_request>
typed_producer::prepare(const std::string& topic,
                        std::vector<events::envelope> evs) {
  auto i = topics_.find(topic);
  if (i == topics_.end() || i->second.partitions <= 0)
    return caf::make_error(errc::unknown_topic, topic,
                           "ask the broker for topic_metadata first");
  auto& info = i->second;
  for (auto& ev : evs) {
    ev.topic = topic;
    ev.partition
      = ev.key.empty() ? static_cast<int32_t>(
          info.round_robin++ % static_cast<uint64_t>(info.partitions))
                       : events::partition_for_key(ev.key, info.partitions);
    ev.producer_id = id_;
    ev.sequence = info.next_sequence[static_cast<size_t>(ev.partition)]++;
  }
  return publish_request{topic, std::move(evs)};
}

} // namespace actorbus::broker
