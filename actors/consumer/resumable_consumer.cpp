#include "actors/consumer/resumable_consumer.hpp"

#include <exception>

#include "caf/sec.hpp"

#include "actors/broker/publish_messages.hpp"
#include "actors/consumer/catch_up.hpp"
#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus::consumer {

namespace {

using self_ptr = resumable_actor*;
using broker::event_ref;
using detail::fail;

/// An effect whose delay has passed (to self).
using effect_due_atom = caf::atom_constant<caf::atom("effectdue")>;

/// Time to look for unanswered publishes (to self).
using watchdog_atom = caf::atom_constant<caf::atom("watchdog")>;

bool terminated(self_ptr self) {
  return self->state.failed;
}

/// Acks of one drain, one message per run of the same coordinator.
struct ack_buffer {
  caf::actor coordinator;
  std::vector<event_ref> refs;

  void flush(self_ptr self) {
    if (!refs.empty())
      self->send(coordinator,
                 broker::ack_msg{caf::actor_cast<caf::actor>(self),
                                 std::move(refs)});
    refs.clear();
  }

  void add(self_ptr self, const caf::actor& coord, event_ref ref) {
    if (coord != coordinator) {
      flush(self);
      coordinator = coord;
    }
    refs.push_back(ref);
  }
};

void drain(self_ptr self);

using effect_inputs = resumable_state::effect_inputs;

void arm_watchdog(self_ptr self) {
  auto& st = self->state;
  if (st.watchdog_armed || st.unanswered_publishes.empty())
    return;
  st.watchdog_armed = true;
  self->delayed_send(self, st.cfg.request_timeout, watchdog_atom::value);
}

void on_publish_error(self_ptr self, uint64_t id, const caf::error& err);

/// Sends (again) the unanswered publish `id`.
void send_publish(self_ptr self, uint64_t id) {
  auto& st = self->state;
  auto& p = st.unanswered_publishes.at(id);
  p.sent = self->clock().now();
  self->request(st.cfg.broker, caf::infinite, p.req)
    .then(
      [=](const broker::publish_result&) {
        auto& st = self->state;
        auto i = st.unanswered_publishes.find(id);
        if (i == st.unanswered_publishes.end())
          return; // answered before (an earlier or a repeated send)
        ack_buffer acks;
        st.published += i->second.req.events.size();
        st.cfg.observer->published(i->second.req.events);
        for (auto& [coord, ref] : i->second.inputs)
          acks.add(self, coord, ref);
        st.unanswered_publishes.erase(i);
        acks.flush(self);
      },
      [=](caf::error& err) { on_publish_error(self, id, err); });
  arm_watchdog(self);
}

void on_publish_error(self_ptr self, uint64_t id, const caf::error& err) {
  auto& st = self->state;
  auto i = st.unanswered_publishes.find(id);
  if (i == st.unanswered_publishes.end() || terminated(self))
    return;
  auto code = code_of(err);
  auto attempt = ++i->second.attempt;
  if (attempt <= st.cfg.publish_attempts
      && (code == errc::none || is_retryable(code))) {
    logging::warn(st.cfg.name, "publish retry",
                  {{"attempt", attempt},
                   {"of", st.cfg.publish_attempts},
                   {"reason", render(err)}});
    send_publish(self, id);
    return;
  }
  fail(self, "publish failed", err);
}

/// Publishes that waited `request_timeout` without an answer fail with a
/// timeout (and are sent again while attempts are left).
void on_watchdog(self_ptr self) {
  auto& st = self->state;
  st.watchdog_armed = false;
  auto now = self->clock().now();
  std::vector<uint64_t> overdue;
  for (auto& [id, p] : st.unanswered_publishes)
    if (now - p.sent >= st.cfg.request_timeout)
      overdue.push_back(id);
  for (auto id : overdue)
    on_publish_error(self, id, caf::make_error(caf::sec::request_timeout));
  arm_watchdog(self);
}

/// Publishes `req` (prepared once: retries keep its sequence numbers) and
/// acks every input in `inputs` once the broker reports it durable.
void publish_then_ack(self_ptr self, broker::publish_request req,
                      effect_inputs inputs) {
  auto& st = self->state;
  auto id = st.next_publish++;
  st.unanswered_publishes.emplace(
    id, resumable_state::unanswered{std::move(req), std::move(inputs), 1, {}});
  send_publish(self, id);
}

/// Effects of one drain without delay: published as one request.
struct effect_buffer {
  std::vector<events::envelope> events;
  effect_inputs inputs;

  void add(events::envelope ev, caf::actor coord, event_ref ref) {
    events.push_back(std::move(ev));
    inputs.emplace_back(std::move(coord), ref);
  }

  /// Numbers the events only now, after any delay: effects then reach the
  /// broker in sequence order even when their delays differ.
  void flush(self_ptr self) {
    if (events.empty())
      return;
    auto req = self->state.producer.prepare(self->state.cfg.output,
                                            std::move(events));
    events.clear();
    if (!req) {
      fail(self, "cannot prepare publish", req.error());
      return;
    }
    publish_then_ack(self, std::move(*req), std::move(inputs));
    inputs.clear();
  }
};

/// Publishes one (delayed) effect on its own.
void publish_effect(self_ptr self, events::envelope ev, caf::actor coord,
                    event_ref ref) {
  effect_buffer one;
  one.add(std::move(ev), std::move(coord), ref);
  one.flush(self);
}

bool needs_catch_up(const resumable_state& st,
                    const resumable_state::pending& x) {
  if (x.checked)
    return false;
  auto& ev = x.d.event;
  auto i = st.next_offset.find({ev.topic, ev.partition});
  return i == st.next_offset.end() || i->second != ev.offset - x.d.skipped
         || x.d.attempt > 1;
}

/// Handles the delivery at the front of the queue; false if the actor
/// ended.
bool handle_front(self_ptr self, ack_buffer& acks, effect_buffer& effects) {
  auto& st = self->state;
  auto& x = st.queue.front();
  auto& env = x.d.event;
  event_ref ref{env.partition, env.offset};
  auto pos = st.next_offset.emplace(std::make_pair(env.topic, env.partition),
                                    env.offset);
  if (pos.second)
    logging::info(st.cfg.name, "consuming",
                  {{"topic", env.topic},
                   {"partition", env.partition},
                   {"from_offset", env.offset},
                   {"attempt", x.d.attempt}});
  pos.first->second = env.offset + 1;
  if (x.d.attempt > 1) {
    ++st.redelivered;
    st.cfg.observer->redelivered(x.d);
  }
  if (st.inbox.contains(env.id)) {
    ++st.duplicates;
    st.cfg.observer->duplicate(env);
    acks.add(self, x.coordinator, ref);
    return true;
  }
  auto out = st.logic->handle(env, x.d.attempt); // may throw: let it crash
  if (!out) {
    fail(self, "handler failed", out.error());
    return false;
  }
  ++st.handled;
  st.cfg.observer->handled(env);
  if (!*out) {
    acks.add(self, x.coordinator, ref);
    return true;
  }
  st.inbox.record(env.id);
  auto& eff = **out;
  eff.event.id = events::make_event_id();
  eff.event.time = caf::make_timestamp();
  eff.event.causation_id = id_text(env.id);
  if (eff.delay.count() > 0) {
    // Simulated latency: wait without blocking the scheduler.
    self->delayed_send(self, eff.delay, effect_due_atom::value,
                       std::move(eff.event), x.coordinator, ref);
    return true;
  }
  effects.add(std::move(eff.event), x.coordinator, ref);
  return true;
}

void after_catch_up(self_ptr self) {
  drain(self);
}

void drain(self_ptr self) {
  auto& st = self->state;
  ack_buffer acks;
  effect_buffer effects;
  // At most one effect per queued delivery: no regrowth while handling.
  effects.events.reserve(st.queue.size());
  effects.inputs.reserve(st.queue.size());
  while (st.folding == 0 && !st.queue.empty()) {
    if (needs_catch_up(st, st.queue.front())) {
      // Covers every queued delivery: what other members published for
      // them before this read is folded in.
      for (auto& x : st.queue)
        x.checked = true;
      acks.flush(self);
      effects.flush(self);
      if (!terminated(self))
        detail::catch_up(self, after_catch_up);
      return;
    }
    if (!handle_front(self, acks, effects))
      return;
    st.queue.pop_front();
  }
  acks.flush(self);
  effects.flush(self);
}

void join_inputs(self_ptr self) {
  auto& st = self->state;
  logging::info(st.cfg.name, "rebuilt state from own events",
                {{"topic", st.cfg.output}, {"inbox", st.inbox.size()}});
  st.running = true;
  auto group = st.cfg.group.empty() ? st.cfg.name : st.cfg.group;
  for (auto& topic : st.cfg.inputs) {
    broker::join_request req{group, topic, caf::actor_cast<caf::actor>(self),
                             st.cfg.credit, broker::start_position{}, {}};
    if (auto i = st.cfg.input_types.find(topic); i != st.cfg.input_types.end())
      req.types = i->second;
    self->request(st.cfg.broker, st.cfg.request_timeout, std::move(req))
      .then(
        [=](const broker::join_result& jr) {
          self->state.coordinators[topic] = jr.coordinator;
        },
        [=](caf::error& err) { fail(self, "join failed", err); });
  }
  drain(self);
}

caf::error on_exception(self_ptr self, std::exception_ptr& ptr) {
  std::string what = "unknown exception";
  try {
    std::rethrow_exception(ptr);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
    // Anything else thrown: still a crash, with a generic description.
  }
  logging::warn(self->state.cfg.name, "handler crashed",
                {{"instance", self->id()}, {"what", what}});
  return caf::sec::runtime_error;
}

} // namespace

resumable_state::~resumable_state() {
  if (!cfg.observer)
    return;
  for (auto& [id, p] : unanswered_publishes)
    cfg.observer->unanswered(p.req.events);
}

caf::behavior resumable_consumer(self_ptr self, resumable_config cfg) {
  auto& st = self->state;
  // A fresh producer id per instance: actor ids repeat after a process
  // restart, and the broker remembers producer ids across restarts (it
  // would take a new instance's sequence numbers for duplicates).
  st.producer = broker::typed_producer{
    cfg.name + "-" + id_text(events::make_event_id())};
  st.logic = cfg.make_logic(self->id());
  st.cfg = std::move(cfg);
  // Let it crash, with one readable line instead of CAF's default print;
  // the supervisor sees sec::runtime_error as with the default handler.
  self->set_exception_handler(
    [=](std::exception_ptr& ptr) { return on_exception(self, ptr); });
  detail::rebuild(self, join_inputs);
  return {
    [=](broker::delivery_batch& batch) {
      for (auto& d : batch.deliveries)
        self->state.queue.push_back({batch.coordinator, std::move(d), false});
      drain(self);
    },
    [=](effect_due_atom, events::envelope& ev, const caf::actor& coord,
        event_ref ref) { publish_effect(self, std::move(ev), coord, ref); },
    [=](watchdog_atom) { on_watchdog(self); },
  };
}

} // namespace actorbus::consumer
