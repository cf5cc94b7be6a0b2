#include "actors/broker/broker_replay.hpp"

#include <memory>
#include <vector>

#include "actors/broker/offsets_messages.hpp"
#include "actors/broker/partition_messages.hpp"
#include "actors/broker/publish_messages.hpp"
#include "actors/broker/topic_table.hpp"

namespace actorbus::broker {

namespace {

using self_ptr = caf::stateful_actor<broker_state>*;

/// The group under which the broker keeps the replay position of every
/// `<topic>.dlq` in the offset store.
constexpr const char* replay_group = "__dlq-replay";

// Without explicit offsets: continue from the durable replay position and
// commit the new one once the letters are republished, so that no letter is
// replayed twice, also across restarts.
caf::result<replay_result> on_durable_replay(self_ptr self,
                                             replay_dlq_request req) {
  auto dlq = ensure_topic(self, dlq_topic(req.topic));
  if (!dlq)
    return std::move(dlq.error());
  auto n = static_cast<int32_t>((*dlq)->partitions.size());
  if (n == 0)
    return replay_result{0, {}};
  auto name = dlq_topic(req.topic);
  auto rp = self->make_response_promise<replay_result>();
  auto me = caf::actor_cast<caf::actor>(self);
  auto fail = [=](caf::error& err) mutable { rp.deliver(err); };
  self
    ->request(self->state.offsets, caf::infinite,
              committed_request{replay_group, name, n})
    .then(
      [=](std::vector<int64_t>& from) mutable {
        // One entry per partition (n > 0), so this is not durable again.
        req.from_offsets = from;
        self->request(me, caf::infinite, req)
          .then(
            [=](replay_result& res) mutable {
              std::vector<int32_t> parts;
              for (int32_t p = 0; p < n; ++p)
                parts.push_back(p);
              self
                ->request(self->state.offsets, caf::infinite,
                          commit_request{replay_group, name, parts,
                                         res.next_offsets})
                .then([=]() mutable { rp.deliver(res); }, fail);
            },
            fail);
      },
      fail);
  return rp;
}

} // namespace

caf::result<replay_result> on_replay(self_ptr self, replay_dlq_request& req) {
  if (req.from_offsets.empty())
    return on_durable_replay(self, std::move(req));
  auto dlq = ensure_topic(self, dlq_topic(req.topic));
  if (!dlq)
    return std::move(dlq.error());
  auto parts = (*dlq)->partitions;
  auto rp = self->make_response_promise<replay_result>();
  auto letters = std::make_shared<std::vector<events::envelope>>();
  auto next = std::make_shared<std::vector<int64_t>>(parts.size(), 0);
  auto left = std::make_shared<size_t>(parts.size());
  auto per_partition = static_cast<int32_t>(
    std::max<int64_t>(1, req.max_events / static_cast<int64_t>(parts.size())));
  auto me = caf::actor_cast<caf::actor>(self);
  auto topic = req.topic;
  for (size_t p = 0; p < parts.size(); ++p) {
    auto from = p < req.from_offsets.size() ? req.from_offsets[p] : 0;
    (*next)[p] = from;
    self
      ->request(parts[p], caf::infinite,
                fetch_request{from, per_partition, false, false, {}})
      .then(
        [=](fetch_result& res) mutable {
          for (auto& ev : res.events) {
            (*next)[p] = ev.offset + 1;
            auto copy = ev;
            auto origin = copy.headers[events::header::dlq_topic];
            copy.topic = origin.empty() ? topic : origin;
            copy.headers["dlq.replayed-from"] = dlq_topic(topic) + "/"
                                                + std::to_string(p) + "/"
                                                + std::to_string(ev.offset);
            for (auto h :
                 {events::header::dlq_group, events::header::dlq_topic,
                  events::header::dlq_partition, events::header::dlq_offset,
                  events::header::dlq_attempts, events::header::dlq_error})
              copy.headers.erase(h);
            copy.partition = -1;
            copy.offset = -1;
            letters->push_back(std::move(copy));
          }
          if (--*left > 0)
            return;
          if (letters->empty()) {
            rp.deliver(replay_result{0, *next});
            return;
          }
          auto count = static_cast<int64_t>(letters->size());
          self->request(me, caf::infinite, publish_request{topic, *letters})
            .then(
              [=](publish_result&) mutable {
                rp.deliver(replay_result{count, *next});
              },
              [=](caf::error& err) mutable { rp.deliver(err); });
        },
        [=](caf::error& err) mutable { rp.deliver(err); });
  }
  if (parts.empty())
    rp.deliver(replay_result{0, {}});
  return rp;
}

} // namespace actorbus::broker
