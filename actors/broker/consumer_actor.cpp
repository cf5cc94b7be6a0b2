#include "actors/broker/consumer_actor.hpp"

#include "caf/event_based_actor.hpp"

#include "runtime/logging/logger.hpp"

namespace actorbus::broker {

caf::error handler_set::dispatch(const events::envelope& ev) const {
  auto i = handlers_->find(ev.type);
  if (i == handlers_->end())
    return caf::make_error(errc::unknown_event_type, ev.type);
  return i->second(ev);
}

namespace {

using self_ptr = caf::stateful_actor<consumer_state>*;

void flush_acks(self_ptr self, const caf::actor& coord,
                std::vector<event_ref>& acks) {
  if (acks.empty())
    return;
  self->send(coord,
             ack_msg{caf::actor_cast<caf::actor>(self), std::move(acks)});
  acks.clear();
}

void on_batch(self_ptr self, delivery_batch& batch) {
  auto& st = self->state;
  std::vector<event_ref> acks;
  for (auto& d : batch.deliveries) {
    auto p = d.event.partition;
    auto b = st.blocked.find(p);
    if (b != st.blocked.end()) {
      if (d.generation <= b->second) {
        ++st.skipped;
        continue;
      }
      st.blocked.erase(b);
    }
    event_ref ref{p, d.event.offset};
    if (auto err = st.cfg.handlers.dispatch(d.event)) {
      ++st.nacked;
      logging::warn("consumer", "handler failed, nacking",
                    {{"group", st.cfg.group},
                     {"partition", p},
                     {"offset", d.event.offset},
                     {"attempt", d.attempt},
                     {"error", render(err)}});
      flush_acks(self, batch.coordinator, acks);
      self->send(batch.coordinator,
                 nack_msg{caf::actor_cast<caf::actor>(self), ref,
                          st.cfg.retry_delay, render(err)});
      st.blocked[p] = d.generation;
      continue;
    }
    ++st.handled;
    acks.push_back(ref);
  }
  flush_acks(self, batch.coordinator, acks);
}

} // namespace

caf::behavior consumer_actor(self_ptr self, consumer_config cfg) {
  self->state.cfg = std::move(cfg);
  auto& c = self->state.cfg;
  join_request req{c.group, c.topic, caf::actor_cast<caf::actor>(self),
                   c.credit, c.start, c.types};
  self->request(c.broker, caf::infinite, std::move(req))
    .then([=](join_result& res) { self->state.coordinator = res.coordinator; },
          [=](caf::error& err) {
            logging::error(
              "consumer", "join failed",
              {{"group", self->state.cfg.group}, {"error", render(err)}});
            self->quit(err);
          });
  return {
    [=](delivery_batch& batch) { on_batch(self, batch); },
  };
}

} // namespace actorbus::broker
