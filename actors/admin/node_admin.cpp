#include "actors/admin/node_admin.hpp"

#include "actors/admin/node_actions.hpp"
#include "actors/admin/node_metrics.hpp"

#include "caf/event_based_actor.hpp"

#include "actors/broker/consume_messages.hpp"
#include "actors/broker/publish_messages.hpp"
#include "actors/broker/read_messages.hpp"
#include "actors/broker/status_messages.hpp"
#include "runtime/admin/action_json.hpp"
#include "runtime/admin/error_response.hpp"
#include "runtime/admin/events_json.hpp"
#include "runtime/admin/http_types.hpp"
#include "runtime/admin/position.hpp"
#include "runtime/admin/server_options.hpp"
#include "runtime/admin/status_json.hpp"
#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"
#include "runtime/metrics/text_format.hpp"
#include "runtime/shop/shop_codec.hpp"
#include "runtime/shop/shop_event.hpp"

namespace actorbus::admin {

namespace {

constexpr auto ask_timeout = std::chrono::seconds{4};

event_record record_of(const events::envelope& env) {
  event_record rec;
  rec.partition = env.partition;
  rec.offset = env.offset;
  rec.time = std::chrono::system_clock::time_point{
    std::chrono::duration_cast<std::chrono::system_clock::duration>(
      env.time.time_since_epoch())};
  rec.type = env.type;
  rec.key = env.key;
  auto ev = shop::decode_shop_event(env.type, env.payload);
  if (ev)
    rec.data = shop::to_json(*ev).as_object()["event"];
  else
    rec.data = std::string{env.payload.begin(), env.payload.end()};
  return rec;
}

struct tail_state {
  events_page page;
  size_t pending = 0;
};

/// Serves one `GET /topics/<t>/events` page: learns the partitions, reads
/// each one from its cursor (or from the query's position) and answers with
/// the events and the cursor to continue from.
void tail_actor(caf::stateful_actor<tail_state>* self, caf::actor broker,
                std::string topic, events_query query, responder reply) {
  self->state.page.topic = topic;
  auto fail = [=](caf::error& err) {
    reply(error_response(err));
    self->quit();
  };
  self->request(broker, ask_timeout, broker::topic_metadata_request{topic})
    .then(
      [=](const broker::topic_metadata& meta) {
        std::vector<int32_t> parts;
        for (int32_t p = 0; p < meta.partitions; ++p)
          if (!query.partition || *query.partition == p)
            parts.push_back(p);
        self->state.pending = parts.size();
        if (parts.empty()) {
          reply(http_response::json(200,
                                    boost::json::value_from(self->state.page)));
          self->quit();
          return;
        }
        auto per
          = static_cast<int32_t>(std::max<size_t>(1, query.max / parts.size()));
        for (auto p : parts) {
          int64_t from = 0;
          bool latest = query.from.what == position::kind::latest;
          if (auto i = query.resume.find(p); i != query.resume.end()) {
            from = i->second;
            latest = false;
          } else if (query.from.what == position::kind::offset) {
            from = query.from.offset;
          }
          auto time
            = query.from.what == position::kind::time && !query.resume.count(p);
          auto since = query.from.time;
          self
            ->request(broker, ask_timeout,
                      broker::read_request{topic, p, from, latest ? 0 : per})
            .then(
              [=](broker::fetch_result& res) {
                auto& st = self->state;
                int64_t next = latest ? res.end_offset : from;
                for (auto& env : res.events) {
                  next = env.offset + 1;
                  auto rec = record_of(env);
                  if (!time || rec.time >= since)
                    st.page.events.push_back(std::move(rec));
                }
                st.page.next[p] = next;
                if (--st.pending == 0) {
                  reply(
                    http_response::json(200, boost::json::value_from(st.page)));
                  self->quit();
                }
              },
              fail);
        }
      },
      fail);
}

std::vector<topic_status> topics_of(const broker::broker_status& st) {
  std::vector<topic_status> out;
  for (auto& t : st.topics) {
    topic_status ts{t.topic, {}};
    for (auto& p : t.partitions)
      ts.partitions.push_back(partition_status{
        p.partition, p.start_offset, p.end_offset,
        static_cast<int64_t>(p.bytes), static_cast<int64_t>(p.segments)});
    out.push_back(std::move(ts));
  }
  return out;
}

std::vector<group_status> groups_of(const broker::broker_status& st) {
  std::vector<group_status> out;
  for (auto& g : st.groups) {
    group_status gs{g.group, g.topic, {}, {}, g.types};
    for (auto& m : g.members)
      gs.members.push_back(member_status{m.member, m.partitions, m.in_flight});
    for (auto& p : g.partitions)
      gs.partitions.push_back(
        group_partition_status{p.partition, p.committed, p.end_offset, p.lag});
    out.push_back(std::move(gs));
  }
  return out;
}

std::vector<supervised_status>
supervision_of(const supervision::actor_directory& dir) {
  std::vector<supervised_status> out;
  for (auto& c : dir.snapshot().children)
    out.push_back(
      supervised_status{c.name, c.parent, to_string(c.status), c.instance,
                        static_cast<int64_t>(c.restarts), c.last_reason});
  return out;
}

/// Asks `broker` for `msg` from a short-lived actor; `on_ok` runs there.
template <class T, class F>
void ask_broker(caf::actor_system& sys, const caf::actor& broker,
                caf::message msg, responder reply, F on_ok) {
  if (!broker) {
    reply(http_response::error(503, "no_broker",
                               "this node does not run a broker"));
    return;
  }
  sys.spawn([=](caf::event_based_actor* self) {
    self->request(broker, ask_timeout, msg)
      .then(
        [=](T& x) {
          on_ok(x, reply);
          self->quit();
        },
        [=](caf::error& err) {
          reply(error_response(err));
          self->quit();
        });
  });
}

} // namespace

node_admin::node_admin(caf::actor_system& sys, const node_config& cfg,
                       caf::actor broker,
                       std::shared_ptr<supervision::actor_directory> dir,
                       counters_map counters)
  : sys_(sys),
    node_name_(cfg.node.name),
    enabled_(cfg.admin.enable),
    broker_(std::move(broker)),
    dir_(std::move(dir)),
    counters_(std::move(counters)),
    started_(std::chrono::steady_clock::now()),
    metrics_(std::make_unique<metrics::registry>()),
    dlq_cursors_(std::make_shared<dlq_cursors>()),
    server_(std::make_unique<admin_server>(server_options::from(cfg.admin))) {
  // nop
}

node_admin::~node_admin() {
  stop();
}

caf::error node_admin::start() {
  if (!enabled_)
    return caf::none;
  add_routes();
  return server_->start();
}

void node_admin::stop() {
  if (server_)
    server_->stop();
}

std::string node_admin::endpoint() const {
  if (!enabled_ || !server_->running())
    return "off";
  return server_->address() + ":" + std::to_string(server_->port());
}

void node_admin::add_routes() {
  auto& sys = sys_;
  auto broker = broker_;
  auto dir = dir_;
  auto node = node_name_;
  auto started = started_;
  auto counters = counters_;
  auto* reg = metrics_.get();
  server_->route(
    "GET", "/status", [=, &sys](const http_request&, responder reply) {
      auto uptime = std::chrono::duration<double>(
                      std::chrono::steady_clock::now() - started)
                      .count();
      if (!broker) {
        node_status st{node, uptime, {}, {}, supervision_of(*dir)};
        reply(http_response::json(200, boost::json::value_from(st)));
        return;
      }
      ask_broker<broker::broker_status>(
        sys, broker, caf::make_message(broker::status_request{}), reply,
        [=](broker::broker_status& bs, const responder& r) {
          node_status st{node, uptime, topics_of(bs), groups_of(bs),
                         supervision_of(*dir)};
          r(http_response::json(200, boost::json::value_from(st)));
        });
    });
  server_->route("GET", "/topics",
                 [=, &sys](const http_request&, responder reply) {
                   ask_broker<broker::broker_status>(
                     sys, broker, caf::make_message(broker::status_request{}),
                     reply, [](broker::broker_status& bs, const responder& r) {
                       r(http_response::json(200, topics_json(topics_of(bs))));
                     });
                 });
  server_->route("GET", "/groups",
                 [=, &sys](const http_request&, responder reply) {
                   ask_broker<broker::broker_status>(
                     sys, broker, caf::make_message(broker::status_request{}),
                     reply, [](broker::broker_status& bs, const responder& r) {
                       r(http_response::json(200, groups_json(groups_of(bs))));
                     });
                 });
  server_->route("POST", "/actors/<name>/kill",
                 [=](const http_request& req, responder reply) {
                   auto name = req.param("name");
                   auto id = dir->kill(name);
                   if (!id) {
                     reply(http_response::error(
                       404, "unknown_actor", "no running actor named " + name));
                     return;
                   }
                   logging::info("admin", "killed actor on request",
                                 {{"actor", name}, {"instance", *id}});
                   reply(http_response::json(
                     200, boost::json::value_from(kill_result{name, *id})));
                 });
  server_->route("GET", "/topics/<topic>/events",
                 [=, &sys](const http_request& req, responder reply) {
                   auto query = parse_events_query(req);
                   if (!query) {
                     reply(error_response(query.error()));
                     return;
                   }
                   if (!broker) {
                     reply(http_response::error(
                       503, "no_broker", "this node does not run a broker"));
                     return;
                   }
                   sys.spawn(tail_actor, broker, req.param("topic"), *query,
                             reply);
                 });
  server_->route("GET", "/metrics",
                 [=, &sys](const http_request&, responder reply) {
                   auto render_now = [=](const broker::broker_status* bs) {
                     return http_response::text(
                       200, render_node_metrics(*reg, bs, *dir, counters),
                       std::string{metrics::text_format::content_type});
                   };
                   if (!broker) {
                     reply(render_now(nullptr));
                     return;
                   }
                   ask_broker<broker::broker_status>(
                     sys, broker, caf::make_message(broker::status_request{}),
                     reply, [=](broker::broker_status& bs, const responder& r) {
                       r(render_now(&bs));
                     });
                 });
  server_->route("POST", "/groups/<group>/topics/<topic>/reset-offsets",
                 [=, &sys](const http_request& req, responder reply) {
                   reset_offsets_route(sys, broker, req, std::move(reply));
                 });
  auto cursors = dlq_cursors_;
  server_->route("POST", "/topics/<topic>/dlq/replay",
                 [=, &sys](const http_request& req, responder reply) {
                   dlq_replay_route(sys, broker, cursors, req,
                                    std::move(reply));
                 });
}

} // namespace actorbus::admin
