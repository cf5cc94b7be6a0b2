#include "actors/shop/service_actor.hpp"

#include <stdexcept>

#include "caf/sec.hpp"

#include "actors/broker/partition_messages.hpp"
#include "actors/broker/publish_messages.hpp"
#include "actors/broker/read_messages.hpp"
#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"
#include "runtime/shop/shop_codec.hpp"

namespace actorbus::shop {

std::string event_id_text(const boost::uuids::uuid& id) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(32);
  for (auto b : id) {
    out += hex[b >> 4];
    out += hex[b & 0xF];
  }
  return out;
}

void service_counters::sent(const std::string& id) {
  std::lock_guard<std::mutex> guard{mtx_};
  in_doubt_.insert(id);
}

void service_counters::acked(const std::string& id) {
  std::lock_guard<std::mutex> guard{mtx_};
  in_doubt_.erase(id);
  acked_.insert(id);
}

std::unordered_set<std::string> service_counters::acked_ids() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return acked_;
}

std::unordered_set<std::string> service_counters::in_doubt_ids() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return in_doubt_;
}

uint64_t service_counters::count_of(const std::string& type) const {
  std::lock_guard<std::mutex> guard{mtx_};
  auto i = by_type_.find(type);
  return i == by_type_.end() ? 0 : i->second;
}

void service_counters::count(const std::string& type) {
  std::lock_guard<std::mutex> guard{mtx_};
  ++by_type_[type];
}

namespace {

using self_ptr = caf::stateful_actor<service_actor_state>*;
using broker::event_ref;

void join_inputs(self_ptr self);

void fail(self_ptr self, const char* what, const caf::error& err) {
  logging::error(name_of(self->state.cfg.id), what, {{"reason", render(err)}});
  self->quit(err);
}

/// Replays partition `p` of the output topic from `from` into the state.
void replay(self_ptr self, int32_t p, int64_t from) {
  auto& st = self->state;
  broker::read_request req{output_of(st.cfg.id), p, from, 4096, true};
  self->request(st.cfg.broker, st.cfg.request_timeout, std::move(req))
    .then(
      [=](broker::fetch_result& res) {
        auto& st = self->state;
        for (auto& env : res.events) {
          auto ev = decode_shop_event(env.type, env.payload);
          if (!ev) {
            fail(self, "cannot decode own event", ev.error());
            return;
          }
          st.svc->apply_own(*ev, env.causation_id);
          ++st.cfg.counters->rebuilt_events;
        }
        auto next = res.events.empty() ? from : res.events.back().offset + 1;
        if (next < res.end_offset) {
          replay(self, p, next);
        } else if (--st.output_partitions == 0) {
          join_inputs(self);
        }
      },
      [=](caf::error& err) { fail(self, "replay failed", err); });
}

void rebuild(self_ptr self) {
  auto& st = self->state;
  broker::topic_metadata_request req{output_of(st.cfg.id)};
  self->request(st.cfg.broker, st.cfg.request_timeout, std::move(req))
    .then(
      [=](const broker::topic_metadata& meta) {
        auto& st = self->state;
        st.producer.learn(meta);
        st.output_partitions = meta.partitions;
        for (int32_t p = 0; p < meta.partitions; ++p)
          replay(self, p, 0);
      },
      [=](caf::error& err) { fail(self, "metadata failed", err); });
}

void join_inputs(self_ptr self) {
  auto& st = self->state;
  logging::info(
    name_of(st.cfg.id), "rebuilt state from own events",
    {{"topic", output_of(st.cfg.id)}, {"inbox", st.svc->inbox().size()}});
  for (auto& topic : inputs_of(st.cfg.id)) {
    broker::join_request req{name_of(st.cfg.id), topic,
                             caf::actor_cast<caf::actor>(self), st.cfg.credit,
                             broker::start_position{}};
    self->request(st.cfg.broker, st.cfg.request_timeout, std::move(req))
      .then(
        [=](const broker::join_result& jr) {
          self->state.coordinators[topic] = jr.coordinator;
        },
        [=](caf::error& err) { fail(self, "join failed", err); });
  }
}

void ack(self_ptr self, const caf::actor& coordinator, event_ref ref) {
  self->send(coordinator,
             broker::ack_msg{caf::actor_cast<caf::actor>(self), {ref}});
}

/// Publishes `req` (prepared once: retries keep its sequence numbers) and
/// acks `ref` when the broker reports it durable.
void publish_then_ack(self_ptr self, broker::publish_request req,
                      caf::actor coordinator, event_ref ref, int attempt) {
  auto& st = self->state;
  auto id = event_id_text(req.events.front().id);
  auto type = req.events.front().type;
  st.cfg.counters->sent(id);
  self->request(st.cfg.broker, st.cfg.request_timeout, req)
    .then(
      [=](const broker::publish_result&) {
        auto& counters = *self->state.cfg.counters;
        ++counters.published;
        counters.acked(id);
        counters.count(type);
        ack(self, coordinator, ref);
      },
      [=](caf::error& err) {
        if (attempt < 5
            && (code_of(err) == errc::none || is_retryable(code_of(err)))) {
          logging::warn(name_of(self->state.cfg.id), "publish retry",
                        {{"attempt", attempt + 1}, {"reason", render(err)}});
          publish_then_ack(self, req, coordinator, ref, attempt + 1);
          return;
        }
        fail(self, "publish failed", err);
      });
}

void handle_one(self_ptr self, const caf::actor& coordinator,
                broker::delivery& d) {
  auto& st = self->state;
  auto& env = d.event;
  event_ref ref{env.partition, env.offset};
  auto where = std::make_pair(env.topic, env.partition);
  if (st.resumed.insert(where).second)
    logging::info(name_of(st.cfg.id), "consuming",
                  {{"topic", env.topic},
                   {"partition", env.partition},
                   {"from_offset", env.offset},
                   {"attempt", d.attempt}});
  if (d.attempt > 1)
    ++st.cfg.counters->redelivered;
  auto ev = decode_shop_event(env.type, env.payload);
  if (!ev) {
    // Not a shop event: nothing to apply; ack so it does not block.
    ack(self, coordinator, ref);
    return;
  }
  auto id = event_id_text(env.id);
  if (st.svc->inbox().contains(id)) {
    ++st.cfg.counters->duplicates;
    ack(self, coordinator, ref);
    return;
  }
  // Chaos crashes only hit first deliveries, so a redelivered event always
  // gets through and every crash is followed by progress.
  if (st.cfg.crash_rate > 0.0 && d.attempt == 1
      && std::uniform_real_distribution<double>{0.0, 1.0}(st.rng)
           < st.cfg.crash_rate) {
    ++st.cfg.counters->crashes;
    throw std::runtime_error(std::string{"chaos: injected crash in "}
                             + name_of(st.cfg.id) + " handler");
  }
  auto out = st.svc->handle(*ev, id);
  ++st.cfg.counters->handled;
  if (!out) {
    ack(self, coordinator, ref);
    return;
  }
  std::vector<events::envelope> evs(1);
  auto& oe = evs.front();
  oe.id = events::make_event_id();
  oe.key = out->key;
  oe.type = type_name_of(out->event);
  oe.correlation_id = out->headers.correlation_id;
  oe.causation_id = out->headers.causation_id;
  oe.time = caf::make_timestamp();
  oe.payload = encode_shop_event(out->event);
  auto req = st.producer.prepare(out->topic, std::move(evs));
  if (!req) {
    fail(self, "cannot prepare publish", req.error());
    return;
  }
  if (out->delay.count() > 0) {
    // Simulated gateway latency: wait without blocking the scheduler.
    self->delayed_send(self, out->delay, std::move(*req), coordinator, ref);
    return;
  }
  publish_then_ack(self, std::move(*req), coordinator, ref, 1);
}

} // namespace

caf::behavior service_actor(self_ptr self, service_actor_config cfg) {
  auto& st = self->state;
  st.svc = service_state::make(cfg.id, cfg.params);
  // A fresh producer id per instance: actor ids repeat after a process
  // restart, and the broker remembers producer ids across restarts (it
  // would take a new instance's sequence numbers for duplicates).
  st.producer
    = broker::typed_producer{std::string{name_of(cfg.id)} + "-"
                             + event_id_text(events::make_event_id())};
  st.rng.seed(cfg.seed ^ self->id());
  st.cfg = std::move(cfg);
  // Let it crash, with one readable line instead of CAF's default print;
  // the supervisor sees sec::runtime_error as with the default handler.
  self->set_exception_handler([=](std::exception_ptr& ptr) -> caf::error {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(ptr);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    logging::warn(name_of(self->state.cfg.id), "handler crashed",
                  {{"instance", self->id()}, {"what", what}});
    return caf::sec::runtime_error;
  });
  rebuild(self);
  return {
    [=](broker::delivery_batch& batch) {
      for (auto& d : batch.deliveries)
        handle_one(self, batch.coordinator, d);
    },
    [=](broker::publish_request& req, const caf::actor& coordinator,
        event_ref ref) {
      publish_then_ack(self, std::move(req), coordinator, ref, 1);
    },
  };
}

} // namespace actorbus::shop
