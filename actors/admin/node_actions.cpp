#include "actors/admin/node_actions.hpp"

#include "caf/event_based_actor.hpp"

#include "actors/broker/consume_messages.hpp"
#include "actors/broker/publish_messages.hpp"
#include "actors/broker/status_messages.hpp"
#include "actors/broker/topic_table.hpp"
#include "runtime/admin/action_json.hpp"
#include "runtime/admin/error_response.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus::admin {

namespace {

constexpr auto status_timeout = std::chrono::seconds{4};

// Longer than the server's handler timeout on purpose: a replay that the
// HTTP client gave up on still moves the cursor when it completes.
constexpr auto replay_timeout = std::chrono::seconds{60};

constexpr int64_t replay_batch = 1000;

http_response no_broker() {
  return http_response::error(503, "unavailable",
                              "this node does not run a broker");
}

http_response unknown_topic(const std::string& topic) {
  return http_response::error(404, "not_found",
                              "no topic '" + topic + "' on this node");
}

bool has_topic(const broker::broker_status& bs, const std::string& topic) {
  for (auto& t : bs.topics)
    if (t.topic == topic)
      return true;
  return false;
}

const broker::group_status* find_group(const broker::broker_status& bs,
                                       const std::string& group,
                                       const std::string& topic) {
  for (auto& g : bs.groups)
    if (g.group == group && g.topic == topic)
      return &g;
  return nullptr;
}

broker::start_position to_start(const position& pos) {
  using sp = broker::start_position;
  switch (pos.what) {
    case position::kind::earliest:
      return {sp::earliest, 0};
    case position::kind::latest:
      return {sp::latest, 0};
    case position::kind::offset:
      return {sp::offset, pos.offset};
    case position::kind::time:
      return {sp::timestamp,
              std::chrono::duration_cast<std::chrono::milliseconds>(
                pos.time.time_since_epoch())
                .count()};
  }
  return {};
}

/// The answer before the move: every partition with its committed offset.
reset_offsets_result reset_plan(const broker::group_status& g, std::string to) {
  reset_offsets_result res{g.group, g.topic, std::move(to), {}};
  for (auto& p : g.partitions)
    res.partitions.push_back({p.partition, p.committed, p.committed});
  return res;
}

/// Runs `next(self, status, done, fail)` in a short-lived actor once the
/// broker's status shows `topic` (404 otherwise). `done` answers and ends
/// the actor; `fail` answers an error.
template <class F>
void with_topic(caf::actor_system& sys, const caf::actor& broker,
                const std::string& topic, responder reply, F next) {
  sys.spawn([=](caf::event_based_actor* self) {
    auto done = [=](http_response res) {
      reply(std::move(res));
      self->quit();
    };
    auto fail = [=](caf::error& err) { done(error_response(err)); };
    self->request(broker, status_timeout, broker::status_request{})
      .then(
        [=](broker::broker_status& bs) {
          if (!has_topic(bs, topic))
            return done(unknown_topic(topic));
          next(self, bs, done, fail);
        },
        fail);
  });
}

} // namespace

bool dlq_cursors::begin(const std::string& topic) {
  std::lock_guard<std::mutex> guard{mtx_};
  return running_.insert(topic).second;
}

void dlq_cursors::end(const std::string& topic) {
  std::lock_guard<std::mutex> guard{mtx_};
  running_.erase(topic);
}

void reset_offsets_route(caf::actor_system& sys, const caf::actor& broker,
                         const http_request& req, responder reply) {
  auto pos = reset_target(req);
  if (!pos)
    return reply(error_response(pos.error()));
  if (!broker)
    return reply(no_broker());
  auto group = req.param("group");
  auto topic = req.param("topic");
  auto to = to_string(*pos);
  auto start = to_start(*pos);
  with_topic(sys, broker, topic, reply,
             [=](caf::event_based_actor* self, broker::broker_status& bs,
                 auto done, auto fail) {
               auto* g = find_group(bs, group, topic);
               if (!g)
                 return done(http_response::error(
                   404, "not_found",
                   "no group '" + group + "' on topic '" + topic + "'"));
               auto plan = reset_plan(*g, to);
               self
                 ->request(broker, status_timeout,
                           broker::reset_offsets_request{group, topic, start})
                 .then(
                   [=](broker::reset_offsets_result& moved) mutable {
                     for (auto& p : plan.partitions)
                       if (static_cast<size_t>(p.partition)
                           < moved.offsets.size())
                         p.new_offset = moved.offsets[p.partition];
                     logging::info("admin", "offsets reset on request",
                                   {{"group", group},
                                    {"topic", topic},
                                    {"to", to}});
                     done(http_response::json(200,
                                              boost::json::value_from(plan)));
                   },
                   fail);
             });
}

void dlq_replay_route(caf::actor_system& sys, const caf::actor& broker,
                      std::shared_ptr<dlq_cursors> cursors,
                      const http_request& req, responder reply) {
  if (!broker)
    return reply(no_broker());
  auto topic = req.param("topic");
  with_topic(
    sys, broker, topic, reply,
    [=](caf::event_based_actor* self, broker::broker_status&, auto done,
        auto fail) {
      if (!cursors->begin(topic))
        return done(http_response::error(
          409, "conflict", "a replay of '" + topic + "' is already running"));
      self
        ->request(broker, replay_timeout,
                  broker::replay_dlq_request{topic, {}, replay_batch})
        .then(
          [=](broker::replay_result& res) {
            cursors->end(topic);
            logging::info("admin", "dead letters replayed on request",
                          {{"topic", topic}, {"replayed", res.replayed}});
            dlq_replay_result out{topic, broker::dlq_topic(topic),
                                  res.replayed};
            done(http_response::json(200, boost::json::value_from(out)));
          },
          [=](caf::error& err) mutable {
            cursors->end(topic);
            fail(err);
          });
    });
}

} // namespace actorbus::admin
