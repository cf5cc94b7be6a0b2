#include "actors/broker/partition_actor.hpp"

#include "caf/event_based_actor.hpp"
#include "caf/exit_reason.hpp"

#include "actors/broker/broker_atoms.hpp"
#include "actors/broker/io_worker.hpp"
#include "actors/broker/sync_ticker.hpp"
#include "actors/broker/status_messages.hpp"
#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus::broker {

namespace {

using self_ptr = caf::stateful_actor<partition_actor_state>*;

constexpr auto retention_period = std::chrono::seconds{60};

// Answers every publish and fetch that the current durable end allows.
void complete(self_ptr self) {
  auto& st = self->state;
  auto end = st.part->acked_end();
  auto& pubs = st.publishes;
  auto now = st.part->settings().clk->mono_now();
  for (auto i = pubs.begin(); i != pubs.end();) {
    if (i->needed_end <= end) {
      st.part->publish_answered(now - i->arrived);
      i->rp.deliver(append_result{std::move(i->offsets)});
      i = pubs.erase(i);
    } else {
      ++i;
    }
  }
  auto& fetches = st.fetches;
  for (auto i = fetches.begin(); i != fetches.end();) {
    if (std::max(i->req.from, st.part->start_offset()) < end) {
      auto batch = st.part->scan(i->req.from, i->req.max_events, false,
                                 events::type_filter{i->req.types});
      if (batch)
        i->rp.deliver(
          fetch_result{std::move(batch->events), end, batch->next});
      else
        i->rp.deliver(std::move(batch.error()));
      i = fetches.erase(i);
    } else {
      ++i;
    }
  }
}

void fail_waiting(self_ptr self, const caf::error& err) {
  for (auto& p : self->state.publishes)
    p.rp.deliver(err);
  self->state.publishes.clear();
  for (auto& f : self->state.fetches)
    f.rp.deliver(err);
  self->state.fetches.clear();
}

void fail_publishes(self_ptr self, const caf::error& err) {
  for (auto& p : self->state.publishes)
    p.rp.deliver(err);
  self->state.publishes.clear();
}

void log_sync_failure(self_ptr self, const caf::error& err) {
  auto& part = *self->state.part;
  logging::error("partition", "fsync failed",
                 {{"topic", part.settings().topic.name},
                  {"partition", part.settings().partition},
                  {"error", render(err)}});
}

void start_sync(self_ptr self);

void finish_sync(self_ptr self, const log::pending_sync& p, caf::error res) {
  auto& st = self->state;
  st.sync_running = false;
  if (auto err = st.part->end_sync(p, std::move(res))) {
    log_sync_failure(self, err);
    fail_publishes(self, err);
  }
  complete(self);
  auto again = st.sync_again
               || (st.part->mode() == log::durability::always
                   && !st.publishes.empty());
  st.sync_again = false;
  if (again)
    start_sync(self);
}

// Hands the fdatasync that covers every append so far to the io worker;
// one at a time per partition.
void start_sync(self_ptr self) {
  auto& st = self->state;
  if (st.sync_running) {
    st.sync_again = true;
    return;
  }
  if (!st.part->sync_pending()) {
    complete(self);
    return;
  }
  auto p = st.part->begin_sync();
  if (!p) {
    log_sync_failure(self, p.error());
    fail_publishes(self, p.error());
    return;
  }
  st.sync_running = true;
  auto job = *p;
  self->request(st.io, caf::infinite, sync_job{job})
    .then([=](sync_done& done) { finish_sync(self, *job, done.error); },
          [=](caf::error& err) { finish_sync(self, *job, err); });
}

// Arranges the sync that makes the latest append durable.
void schedule_sync(self_ptr self) {
  auto& st = self->state;
  switch (st.part->mode()) {
    case log::durability::always:
      if (!st.flush_queued) {
        st.flush_queued = true;
        self->send(self, flush_atom::value);
      }
      break;
    case log::durability::interval:
      if (!st.timer_armed) {
        st.timer_armed = true;
        self->send(st.ticker, sync_due_atom::value,
                   self->clock().now()
                     + st.part->settings().topic.sync_interval);
      }
      break;
    case log::durability::none:
      complete(self);
      break;
  }
}

caf::result<append_result> on_append(self_ptr self, append_request& req) {
  auto& st = self->state;
  auto arrived = st.part->settings().clk->mono_now();
  auto out = st.part->append(std::move(req.events));
  if (!out)
    return std::move(out.error());
  // `interval` answers at once (written is acknowledged) and only arms the
  // timer of the sync that follows within the interval.
  if (st.part->mode() == log::durability::interval)
    schedule_sync(self);
  if (out->needed_end <= st.part->acked_end()) {
    complete(self);
    st.part->publish_answered(st.part->settings().clk->mono_now() - arrived);
    return append_result{std::move(out->offsets)};
  }
  auto rp = self->make_response_promise();
  st.publishes.push_back(
    {out->needed_end, std::move(out->offsets), rp, arrived});
  schedule_sync(self);
  return caf::delegated<append_result>{};
}

caf::behavior refusing(self_ptr self) {
  // Every request is answered with the open error (the broker reports it).
  return {
    [=](append_request&) -> caf::result<append_result> {
      return self->state.open_error;
    },
    [=](fetch_request&) -> caf::result<fetch_result> {
      return self->state.open_error;
    },
    [=](resolve_request&) -> caf::result<int64_t> {
      return self->state.open_error;
    },
    [=](status_request) -> caf::result<partition_status> {
      return self->state.open_error;
    },
  };
}

caf::behavior running(self_ptr self, const partition_settings& settings);

} // namespace

caf::behavior partition_actor(self_ptr self, partition_settings settings,
                              caf::actor io, caf::actor ticker) {
  self->state.io = std::move(io);
  self->state.ticker = std::move(ticker);
  self->set_exit_handler([=](caf::exit_msg& msg) {
    fail_waiting(self, caf::make_error(errc::shutting_down, settings.topic.name,
                                       settings.partition));
    self->quit(msg.reason);
  });
  // Requests wait in the mailbox until the io worker opened the log.
  self->set_default_handler(caf::skip);
  self->send(self->state.io, open_job{settings});
  return {
    [=](open_done& done) {
      self->set_default_handler(caf::print_and_drop);
      if (done.error) {
        self->state.open_error = done.error;
        logging::error("partition", "cannot open partition log",
                       {{"topic", settings.topic.name},
                        {"partition", settings.partition},
                        {"error", render(done.error)}});
        self->become(refusing(self));
        return;
      }
      self->state.part = std::move(*done.state);
      self->become(running(self, settings));
    },
  };
}

namespace {

caf::behavior running(self_ptr self, const partition_settings& settings) {
  self->delayed_send(self, retention_period, retain_atom::value);
  return {
    [=](append_request& req) { return on_append(self, req); },
    [=](flush_atom) {
      self->state.flush_queued = false;
      start_sync(self);
    },
    [=](sync_atom) {
      self->state.timer_armed = false;
      start_sync(self);
    },
    [=](retain_atom) {
      if (auto n = self->state.part->apply_retention(); n && *n > 0)
        logging::info("partition", "retention deleted segments",
                      {{"topic", settings.topic.name},
                       {"partition", settings.partition},
                       {"segments", *n}});
      self->delayed_send(self, retention_period, retain_atom::value);
    },
    [=](fetch_request& req) -> caf::result<fetch_result> {
      auto& part = *self->state.part;
      auto end = req.include_unsynced ? part.written_end() : part.acked_end();
      if (std::max(req.from, part.start_offset()) < end) {
        auto batch = part.scan(req.from, req.max_events, req.include_unsynced,
                               events::type_filter{req.types});
        if (!batch)
          return std::move(batch.error());
        return fetch_result{std::move(batch->events), end, batch->next};
      }
      if (!req.wait)
        return fetch_result{{}, end, req.from};
      auto rp = self->make_response_promise();
      self->state.fetches.push_back({req, rp});
      return caf::delegated<fetch_result>{};
    },
    [=](resolve_request& req) -> caf::result<int64_t> {
      auto off = self->state.part->resolve(req.position);
      if (!off)
        return std::move(off.error());
      return *off;
    },
    [=](status_request) -> caf::result<partition_status> {
      auto st = self->state.part->status();
      st.mailbox = self->mailbox().size();
      return st;
    },
  };
}

} // namespace

} // namespace actorbus::broker
