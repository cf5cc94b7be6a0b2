#include "actors/broker/broker_actor.hpp"

#include <memory>

#include "caf/event_based_actor.hpp"

#include "actors/broker/broker_atoms.hpp"
#include "actors/broker/broker_replay.hpp"
#include "actors/broker/consume_messages.hpp"
#include "actors/broker/coordinator_actor.hpp"
#include "actors/broker/offsets_actor.hpp"
#include "actors/broker/io_worker.hpp"
#include "actors/broker/partition_actor.hpp"
#include "actors/broker/sync_ticker.hpp"
#include "actors/broker/publish_messages.hpp"
#include "actors/broker/read_messages.hpp"
#include "actors/broker/status_messages.hpp"
#include "runtime/errc.hpp"
#include "runtime/events/partitioner.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus::broker {

namespace {

using self_ptr = caf::stateful_actor<broker_state>*;

/// Interval syncs due this close together share one tick (sync_ticker).
constexpr caf::timespan sync_slack = std::chrono::milliseconds{5};

template <class F, class... Ts>
caf::actor spawn_child(self_ptr self, bool detached, F fun, Ts&&... xs) {
  if (detached)
    return self->spawn<caf::detached + caf::linked>(fun,
                                                    std::forward<Ts>(xs)...);
  return self->spawn<caf::linked>(fun, std::forward<Ts>(xs)...);
}


caf::expected<caf::actor> ensure_coordinator(self_ptr self,
                                             const std::string& group,
                                             const std::string& topic,
                                             const start_position& start) {
  auto& st = self->state;
  auto key = group + '\0' + topic;
  if (auto i = st.coordinators.find(key); i != st.coordinators.end())
    return i->second;
  auto entry = ensure_topic(self, topic);
  if (!entry)
    return std::move(entry.error());
  coordinator_config cc;
  cc.settings.group = group;
  cc.settings.topic = topic;
  cc.settings.partitions = static_cast<int32_t>((*entry)->partitions.size());
  cc.settings.default_credit = st.cfg.options.credit_window;
  cc.settings.ack_timeout = st.cfg.options.ack_timeout;
  cc.settings.max_attempts = static_cast<int32_t>(st.cfg.options.max_attempts);
  cc.partitions = (*entry)->partitions;
  cc.offsets = st.offsets;
  cc.broker = caf::actor_cast<caf::actor>(self);
  cc.start = start;
  auto coord = self->spawn<caf::linked>(coordinator_actor, std::move(cc));
  st.coordinators.emplace(key, coord);
  return coord;
}

caf::error validate(const topic_config& cfg, publish_request& req) {
  if (req.events.empty())
    return caf::make_error(errc::invalid_argument, "empty publish");
  for (auto& ev : req.events) {
    if (ev.payload.size() > cfg.max_payload_bytes)
      return caf::make_error(errc::payload_too_large, req.topic,
                             ev.payload.size(), "limit", cfg.max_payload_bytes);
    if (ev.partition >= cfg.partitions)
      return caf::make_error(errc::unknown_partition, req.topic, ev.partition);
  }
  return caf::none;
}

struct publish_join {
  caf::response_promise rp;
  publish_result result;
  size_t left = 0;
  bool failed = false;
};

caf::result<publish_result> on_publish(self_ptr self, publish_request& req) {
  auto& st = self->state;
  if (st.shutting_down)
    return caf::make_error(errc::shutting_down, "broker");
  auto entry = ensure_topic(self, req.topic);
  if (!entry)
    return std::move(entry.error());
  auto& cfg = *st.topics->find(req.topic);
  if (auto err = validate(cfg, req))
    return err;
  auto n = static_cast<int32_t>((*entry)->partitions.size());
  auto now = caf::timestamp{st.cfg.clk->wall_now().time_since_epoch()};
  std::map<int32_t, std::pair<std::vector<size_t>, append_request>> parts;
  auto single = true;
  for (auto& ev : req.events) {
    if (ev.partition < 0)
      ev.partition = ev.key.empty()
                       ? static_cast<int32_t>((*entry)->round_robin++ % n)
                       : events::partition_for_key(ev.key, n);
    if (ev.id.is_nil())
      ev.id = events::make_event_id();
    if (ev.time.time_since_epoch().count() == 0)
      ev.time = now;
    ev.topic = req.topic;
    single = single && ev.partition == req.events.front().partition;
  }
  auto total = req.events.size();
  if (single) {
    // One partition (always so for one-partition topics): the request's
    // events go over as they are, no per-event move.
    auto& slot = parts[req.events.front().partition];
    slot.first.resize(total);
    for (size_t i = 0; i < total; ++i)
      slot.first[i] = i;
    slot.second.events = std::move(req.events);
  } else {
    for (size_t i = 0; i < total; ++i) {
      auto& ev = req.events[i];
      auto& slot = parts[ev.partition];
      slot.first.push_back(i);
      slot.second.events.push_back(std::move(ev));
    }
  }
  auto join = std::make_shared<publish_join>();
  join->rp = self->make_response_promise();
  join->result.partitions.assign(total, -1);
  join->result.offsets.assign(total, -1);
  join->left = parts.size();
  for (auto& [p, slot] : parts) {
    auto partition = p;
    auto idx = slot.first;
    self
      ->request((*entry)->partitions[static_cast<size_t>(p)], caf::infinite,
                std::move(slot.second))
      .then(
        [=](append_result& res) {
          for (size_t k = 0; k < idx.size(); ++k) {
            join->result.partitions[idx[k]] = partition;
            join->result.offsets[idx[k]] = res.offsets[k];
          }
          if (--join->left == 0 && !join->failed)
            join->rp.deliver(std::move(join->result));
        },
        [=](caf::error& err) {
          if (!join->failed) {
            join->failed = true;
            join->rp.deliver(err);
          }
        });
  }
  return caf::delegated<publish_result>{};
}

caf::result<broker_status> on_status(self_ptr self) {
  auto rp = self->make_response_promise<broker_status>();
  auto res = std::make_shared<broker_status>();
  res->mailbox = self->mailbox().size();
  auto left = std::make_shared<size_t>(0);
  auto& st = self->state;
  for (auto& [name, entry] : st.partitions)
    *left += entry.partitions.size();
  *left += st.coordinators.size();
  if (*left == 0) {
    rp.deliver(*res);
    return rp;
  }
  auto finish = [=]() mutable {
    if (--*left == 0)
      rp.deliver(*res);
  };
  for (auto& [name, entry] : st.partitions) {
    auto idx = res->topics.size();
    topic_status ts;
    ts.topic = name;
    ts.durability
      = std::string{log::to_string(st.topics->find(name)->durability)};
    ts.partitions.resize(entry.partitions.size());
    res->topics.push_back(std::move(ts));
    for (size_t p = 0; p < entry.partitions.size(); ++p)
      self->request(entry.partitions[p], caf::infinite, status_request{})
        .then(
          [=](partition_status& ps) mutable {
            res->topics[idx].partitions[p] = ps;
            finish();
          },
          [=](caf::error&) mutable { finish(); });
  }
  for (auto& [key, coord] : st.coordinators)
    self->request(coord, caf::infinite, status_request{})
      .then(
        [=](group_status& gs) mutable {
          res->groups.push_back(std::move(gs));
          finish();
        },
        [=](caf::error&) mutable { finish(); });
  return rp;
}

void shutdown(self_ptr self, caf::error reason) {
  self->state.shutting_down = true;
  logging::info("broker", "shutting down");
  self->quit(std::move(reason));
}

} // namespace

caf::expected<broker_state::topic_entry*>
ensure_topic(self_ptr self, const std::string& name) {
  auto& st = self->state;
  auto cfg = st.topics->find_or_create(name);
  if (!cfg)
    return std::move(cfg.error());
  auto& entry = st.partitions[name];
  if (entry.partitions.empty()) {
    for (int32_t p = 0; p < (*cfg)->partitions; ++p) {
      partition_settings ps{**cfg, p, st.cfg.data_dir, st.cfg.fs, st.cfg.clk};
      auto& io = st.io_workers[st.next_io++ % st.io_workers.size()];
      entry.partitions.push_back(
        self->spawn<caf::linked>(partition_actor, ps, io, st.ticker));
    }
    logging::info("broker", "topic opened",
                  {{"topic", name},
                   {"partitions", (*cfg)->partitions},
                   {"durability", log::to_string((*cfg)->durability)}});
  }
  return &entry;
}

caf::behavior broker_actor(self_ptr self, broker_config cfg) {
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.topics = std::make_unique<topic_table>(st.cfg.options, st.cfg.topics);
  auto mode = log::parse_durability(st.cfg.options.durability);
  st.ticker = self->spawn<caf::linked>(sync_ticker, sync_slack);
  for (int64_t i = 0; i < std::max<int64_t>(st.cfg.options.io_threads, 1);
       ++i)
    st.io_workers.push_back(spawn_child(self, st.cfg.detached_io, io_worker));
  st.offsets = spawn_child(self, st.cfg.detached_io, offsets_actor, st.cfg.fs,
                           st.cfg.data_dir + "/__offsets",
                           mode ? *mode : log::durability::always,
                           st.cfg.offsets_flush_delay);
  for (auto& found : st.cfg.on_disk)
    if (auto configured = st.topics->adopt(found.name, found.partitions))
      logging::warn("broker", "topic keeps the partition count of its log",
                    {{"topic", found.name},
                     {"partitions", found.partitions},
                     {"configured", *configured}});
  std::vector<std::string> names;
  for (auto t : st.topics->all())
    names.push_back(t->name);
  for (auto& name : names)
    if (auto entry = ensure_topic(self, name); !entry)
      logging::error("broker", "cannot open topic",
                     {{"topic", name}, {"error", render(entry.error())}});
  self->set_exit_handler(
    [=](caf::exit_msg& msg) { shutdown(self, std::move(msg.reason)); });
  return {
    [=](publish_request& req) { return on_publish(self, req); },
    [=](topic_metadata_request& req) -> caf::result<topic_metadata> {
      auto entry = ensure_topic(self, req.topic);
      if (!entry)
        return std::move(entry.error());
      return topic_metadata{req.topic,
                            static_cast<int32_t>((*entry)->partitions.size())};
    },
    [=](join_request& req) -> caf::result<join_result> {
      if (self->state.shutting_down)
        return caf::make_error(errc::shutting_down, "broker");
      auto coord = ensure_coordinator(self, req.group, req.topic, req.start);
      if (!coord)
        return std::move(coord.error());
      self->delegate(*coord, std::move(req));
      return caf::delegated<join_result>{};
    },
    [=](reset_offsets_request& req) -> caf::result<reset_offsets_result> {
      auto coord = ensure_coordinator(self, req.group, req.topic, req.position);
      if (!coord)
        return std::move(coord.error());
      self->delegate(*coord, std::move(req));
      return caf::delegated<reset_offsets_result>{};
    },
    [=](replay_dlq_request& req) { return on_replay(self, req); },
    [=](read_request& req) -> caf::result<fetch_result> {
      auto entry = ensure_topic(self, req.topic);
      if (!entry)
        return std::move(entry.error());
      auto& parts = (*entry)->partitions;
      if (req.partition < 0
          || static_cast<size_t>(req.partition) >= parts.size())
        return caf::make_error(errc::unknown_partition, req.topic,
                               req.partition);
      self->delegate(parts[static_cast<size_t>(req.partition)],
                     fetch_request{req.from, req.max_events, false,
                                   req.include_unsynced, {}});
      return caf::delegated<fetch_result>{};
    },
    [=](status_request) { return on_status(self); },
    [=](shutdown_atom) { shutdown(self, caf::exit_reason::user_shutdown); },
  };
}

caf::actor spawn_broker(caf::actor_system& sys, broker_config cfg) {
  if (cfg.fs != nullptr) {
    if (auto found = discover_topics(*cfg.fs, cfg.data_dir)) {
      cfg.on_disk = std::move(found->topics);
      for (auto& err : found->problems)
        logging::error("broker", "stored topic skipped",
                       {{"dir", cfg.data_dir}, {"error", render(err)}});
    } else
      logging::error("broker", "cannot list stored topics",
                     {{"dir", cfg.data_dir}, {"error", render(found.error())}});
  }
  return sys.spawn(broker_actor, std::move(cfg));
}

} // namespace actorbus::broker
