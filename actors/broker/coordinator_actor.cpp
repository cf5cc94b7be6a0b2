#include "actors/broker/coordinator_actor.hpp"

#include <memory>

#include "caf/event_based_actor.hpp"

#include "actors/broker/broker_atoms.hpp"
#include "actors/broker/offsets_messages.hpp"
#include "actors/broker/partition_messages.hpp"
#include "actors/broker/publish_messages.hpp"
#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus::broker {

namespace {

using self_ptr = caf::stateful_actor<coordinator_state>*;

constexpr auto retry_after_error = std::chrono::milliseconds{100};

std::string id_of(const caf::actor& x) {
  return caf::to_string(x.address());
}

void pump(self_ptr self);

void start_fetch(self_ptr self, const group_state::fetch_need& need) {
  auto& target
    = self->state.cfg.partitions[static_cast<size_t>(need.partition)];
  fetch_request req{need.from, need.max_events, true, false,
                    self->state.group->filter().types()};
  self->request(target, caf::infinite, std::move(req))
    .then(
      [=](fetch_result& res) {
        self->state.group->fetched(need.partition, need.epoch,
                                   std::move(res.events), res.end_offset,
                                   res.next_offset);
        pump(self);
      },
      [=](caf::error& err) {
        logging::warn("coordinator", "fetch failed",
                      {{"group", self->state.cfg.settings.group},
                       {"partition", need.partition},
                       {"error", render(err)}});
        self->state.group->fetch_failed(need.partition, need.epoch);
        self->delayed_send(self, retry_after_error, wakeup_atom::value);
      });
}

void publish_letter(self_ptr self, group_state::dead_letter dl) {
  auto& s = self->state.cfg.settings;
  logging::warn("coordinator", "dead-lettering event",
                {{"group", s.group},
                 {"topic", s.topic},
                 {"partition", dl.partition},
                 {"offset", dl.offset},
                 {"attempts", dl.letter.headers[events::header::dlq_attempts]},
                 {"max", s.max_attempts}});
  publish_request req{dl.letter.topic, {dl.letter}};
  self->request(self->state.cfg.broker, caf::infinite, std::move(req))
    .then(
      [=](publish_result&) {
        self->state.group->dead_lettered(dl.partition, dl.offset);
        pump(self);
      },
      [=](caf::error& err) {
        logging::error("coordinator", "dead letter not stored",
                       {{"group", s.group}, {"error", render(err)}});
        self->state.group->dead_letter_failed(dl.partition, dl.offset);
        self->delayed_send(self, retry_after_error, wakeup_atom::value);
      });
}

// Sends the commits that piled up, unless one is still unanswered: one
// commit request in flight per group, so the offsets actor gets at most one
// per snapshot write instead of one per pump.
void commit(self_ptr self) {
  auto& st = self->state;
  if (st.commit_in_flight || st.commits_due.empty())
    return;
  auto& s = st.cfg.settings;
  commit_request req{s.group, s.topic, {}, {}};
  for (auto& [p, off] : st.commits_due) {
    req.partitions.push_back(p);
    req.offsets.push_back(off);
  }
  auto sent = std::move(st.commits_due);
  st.commits_due.clear();
  st.commit_in_flight = true;
  self->request(st.cfg.offsets, caf::infinite, std::move(req))
    .then(
      [=] {
        self->state.commit_in_flight = false;
        commit(self);
      },
      [=](caf::error& err) {
        // The acks stay valid in memory; these offsets go out again with
        // the next commit (unless a newer one replaced them).
        logging::error("coordinator", "commit failed",
                       {{"group", s.group}, {"error", render(err)}});
        auto& st = self->state;
        st.commit_in_flight = false;
        for (auto& [p, off] : sent)
          st.commits_due.emplace(p, off);
      });
}

void arm_wakeup(self_ptr self, group_state::time_point now) {
  auto next = self->state.group->next_wakeup();
  if (!next)
    return;
  auto& at = self->state.wakeup_at;
  if (at && *at <= *next && *at > now)
    return;
  at = *next;
  auto delay = *next > now ? *next - now : group_state::time_point::duration{0};
  self->delayed_send(self, delay, wakeup_atom::value);
}

// Executes everything the state asks for.
void pump(self_ptr self) {
  auto& g = *self->state.group;
  auto now = self->clock().now();
  for (auto& need : g.take_fetch_needs())
    start_fetch(self, need);
  for (auto& out : g.take_deliveries(now)) {
    auto i = self->state.members.find(out.member);
    if (i == self->state.members.end())
      continue;
    auto& s = self->state.cfg.settings;
    self->send(i->second, delivery_batch{s.group, s.topic,
                                         caf::actor_cast<caf::actor>(self),
                                         std::move(out.deliveries)});
  }
  for (auto& [p, off] : g.take_commits())
    self->state.commits_due[p] = off;
  commit(self);
  for (auto& dl : g.take_dead_letters())
    publish_letter(self, std::move(dl));
  arm_wakeup(self, now);
}

// Resolves `pos` on every partition, then calls `done` with the offsets.
template <class F>
void resolve_all(self_ptr self, start_position pos, std::vector<int32_t> parts,
                 F fun) {
  auto done_ptr = std::make_shared<F>(std::move(fun));
  auto done = [done_ptr](caf::error err, std::vector<int32_t> ps,
                         std::vector<int64_t> offs) {
    (*done_ptr)(std::move(err), std::move(ps), std::move(offs));
  };
  auto offsets = std::make_shared<std::vector<int64_t>>(parts.size(), -1);
  auto left = std::make_shared<size_t>(parts.size());
  auto failed = std::make_shared<bool>(false);
  if (parts.empty()) {
    done(caf::error{}, std::vector<int32_t>{}, std::vector<int64_t>{});
    return;
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    auto& target = self->state.cfg.partitions[static_cast<size_t>(parts[i])];
    self->request(target, caf::infinite, resolve_request{pos})
      .then(
        [=](int64_t off) {
          (*offsets)[i] = off;
          if (--*left == 0 && !*failed)
            done(caf::error{}, parts, *offsets);
        },
        [=](caf::error& err) {
          if (!*failed) {
            *failed = true;
            done(err, parts, *offsets);
          }
        });
  }
}

void load_offsets(self_ptr self) {
  auto& s = self->state.cfg.settings;
  committed_request req{s.group, s.topic, s.partitions};
  self->request(self->state.cfg.offsets, caf::infinite, req)
    .then(
      [=](std::vector<int64_t>& committed) {
        std::vector<int32_t> missing;
        // Partitions already set by a reset that overtook this load keep
        // the reset's position.
        for (size_t p = 0; p < committed.size(); ++p) {
          auto partition = static_cast<int32_t>(p);
          if (self->state.group->ready(partition))
            continue;
          if (committed[p] >= 0)
            self->state.group->reset(partition, committed[p]);
          else
            missing.push_back(partition);
        }
        resolve_all(self, self->state.cfg.start, missing,
                    [=](caf::error err, std::vector<int32_t> parts,
                        std::vector<int64_t> offs) {
                      if (err) {
                        self->quit(err);
                        return;
                      }
                      for (size_t i = 0; i < parts.size(); ++i)
                        if (!self->state.group->ready(parts[i]))
                          self->state.group->reset(parts[i], offs[i]);
                      pump(self);
                    });
        pump(self);
      },
      [=](caf::error& err) { self->quit(err); });
}

} // namespace

caf::behavior coordinator_actor(self_ptr self, coordinator_config cfg) {
  self->state.group.emplace(cfg.settings);
  self->state.cfg = std::move(cfg);
  self->set_down_handler([=](caf::down_msg& msg) {
    auto id = caf::to_string(msg.source);
    if (self->state.members.erase(id) == 0)
      return;
    logging::info("coordinator", "member died, redelivering its events",
                  {{"group", self->state.cfg.settings.group},
                   {"member", id},
                   {"reason", render(msg.reason)}});
    self->state.group->leave(id, true, self->clock().now());
    pump(self);
  });
  load_offsets(self);
  return {
    [=](join_request& req) -> caf::result<join_result> {
      if (!req.member)
        return caf::make_error(errc::invalid_argument, "join without member");
      auto id = id_of(req.member);
      auto& g = *self->state.group;
      events::type_filter filter{std::move(req.types)};
      if (filter != g.filter()) {
        if (auto err = g.set_filter(id, filter))
          return err;
        logging::info("coordinator", "group takes types",
                      {{"group", self->state.cfg.settings.group},
                       {"topic", self->state.cfg.settings.topic},
                       {"types", filter.describe()}});
      }
      if (self->state.members.emplace(id, req.member).second)
        self->monitor(req.member);
      auto credit
        = self->state.group->join(id, req.credit, self->clock().now());
      pump(self);
      return join_result{caf::actor_cast<caf::actor>(self), credit};
    },
    [=](ack_msg& msg) {
      self->state.group->ack(msg.events);
      pump(self);
    },
    [=](nack_msg& msg) {
      self->state.group->nack(msg.event, msg.retry_delay, msg.error,
                              self->clock().now());
      pump(self);
    },
    [=](leave_msg& msg) {
      auto id = id_of(msg.member);
      if (self->state.members.erase(id) > 0)
        self->demonitor(msg.member);
      self->state.group->leave(id, false, self->clock().now());
      pump(self);
    },
    [=](wakeup_atom) {
      auto now = self->clock().now();
      if (self->state.wakeup_at && *self->state.wakeup_at <= now)
        self->state.wakeup_at.reset();
      self->state.group->expire(now);
      pump(self);
    },
    [=](reset_offsets_request& req) -> caf::result<reset_offsets_result> {
      auto rp = self->make_response_promise<reset_offsets_result>();
      std::vector<int32_t> all;
      for (int32_t p = 0; p < self->state.cfg.settings.partitions; ++p)
        all.push_back(p);
      resolve_all(self, req.position, all,
                  [=](caf::error err, std::vector<int32_t> parts,
                      std::vector<int64_t> offs) mutable {
                    if (err) {
                      rp.deliver(err);
                      return;
                    }
                    for (size_t i = 0; i < parts.size(); ++i)
                      self->state.group->reset(parts[i], offs[i]);
                    logging::info("coordinator", "offsets reset",
                                  {{"group", self->state.cfg.settings.group},
                                   {"topic", self->state.cfg.settings.topic},
                                   {"partitions", parts.size()}});
                    pump(self);
                    rp.deliver(reset_offsets_result{offs});
                  });
      return rp;
    },
    [=](status_request) -> group_status {
      auto st = self->state.group->status();
      st.mailbox = self->mailbox().size();
      return st;
    },
  };
}

} // namespace actorbus::broker
