#include "actors/supervisor/supervisor_actor.hpp"

#include <exception>
#include <random>

#include "caf/event_based_actor.hpp"
#include "caf/exit_reason.hpp"
#include "caf/sec.hpp"
#include "caf/send.hpp"
#include "caf/system_messages.hpp"

#include "actors/supervisor/supervisor_messages.hpp"
#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"
#include "runtime/supervision/exit_classification.hpp"

namespace actorbus::supervision {

namespace {

using self_ptr = caf::stateful_actor<supervisor_state>*;

supervision_state::time_point now(self_ptr self) {
  return self->clock().now();
}

void publish(self_ptr self) {
  auto& st = self->state;
  for (size_t i = 0; i < st.logic->size(); ++i)
    st.directory->update(st.logic->child(i), (*st.live)[i]);
}

void apply(self_ptr self, const supervisor_actions& actions);

void stop_child(self_ptr self, size_t idx) {
  auto& st = self->state;
  auto& handle = (*st.live)[idx];
  if (!handle) { // failed start, nothing runs: stopped right away
    auto actions = st.logic->exited(
      idx, caf::make_error(caf::exit_reason::user_shutdown), now(self));
    if (!st.logic->shutting_down()) // advance_shutdown loops by itself
      apply(self, actions);
    return;
  }
  self->send_exit(handle, caf::exit_reason::user_shutdown);
  self->delayed_send(self, st.config.shutdown_timeout, stop_tmo_atom::value,
                     uint64_t{idx}, handle.id());
}

void start_child(self_ptr self, size_t idx) {
  auto& st = self->state;
  auto& spec = st.specs[idx];
  caf::actor handle;
  caf::error failure;
  try {
    handle = spec.factory(self->system());
  } catch (const std::exception& e) {
    failure
      = caf::make_error(caf::sec::runtime_error,
                        "factory of " + spec.name + " threw: " + e.what());
  }
  if (!handle && !failure)
    failure = caf::make_error(caf::sec::runtime_error,
                              "factory of " + spec.name + " returned no actor");
  if (failure) {
    // Reported as a message so that the start loop finishes first.
    st.logic->start_failed(idx, now(self));
    self->send(self, start_fail_atom::value, uint64_t{idx}, failure);
    return;
  }
  self->monitor(handle);
  (*st.live)[idx] = handle;
  st.logic->started(idx, handle.id(), now(self));
}

void advance_shutdown(self_ptr self) {
  auto& st = self->state;
  while (!st.logic->all_stopped()) {
    auto idx = st.logic->next_to_stop();
    if (!idx)
      return; // waiting for a child's down_msg
    stop_child(self, *idx);
    if ((*st.live)[*idx])
      return;
  }
  auto& reason = st.logic->shutdown_reason();
  logging::info(
    st.config.name, "stopped",
    {{"reason", render_exit_reason(reason)}, {"children", st.logic->size()}});
  publish(self);
  self->quit(reason);
}

void apply(self_ptr self, const supervisor_actions& actions) {
  auto& st = self->state;
  for (auto idx : actions.stop)
    stop_child(self, idx);
  for (auto idx : actions.start)
    start_child(self, idx);
  if (actions.plan != 0)
    self->delayed_send(self, actions.delay, restart_atom::value, actions.plan);
  if (st.logic->shutting_down())
    advance_shutdown(self);
}

void on_down(self_ptr self, const caf::down_msg& dm) {
  auto& live = *self->state.live;
  for (size_t i = 0; i < live.size(); ++i) {
    if (live[i] && live[i].address() == dm.source) {
      live[i] = nullptr;
      apply(self, self->state.logic->exited(i, dm.reason, now(self)));
      publish(self);
      return;
    }
  }
}

void on_exit_msg(self_ptr self, const caf::exit_msg& em) {
  auto& st = self->state;
  if (!em.reason || st.logic->shutting_down())
    return;
  logging::info(st.config.name, "shutting down",
                {{"reason", render_exit_reason(em.reason)},
                 {"children", st.logic->size()}});
  st.logic->begin_shutdown(em.reason);
  advance_shutdown(self);
}

void on_stop_timeout(self_ptr self, uint64_t idx, uint64_t instance) {
  auto& live = *self->state.live;
  if (idx >= live.size() || !live[idx] || live[idx].id() != instance)
    return;
  logging::warn(self->state.config.name, "child did not stop in time, killing",
                {{"child", self->state.specs[idx].name},
                 {"instance", instance},
                 {"timeout", self->state.config.shutdown_timeout}});
  self->send_exit(live[idx], caf::exit_reason::kill);
}

void on_start_failed(self_ptr self, uint64_t idx, const caf::error& reason) {
  auto& st = self->state;
  if (idx >= st.live->size() || (*st.live)[idx]
      || st.logic->child(idx).status != child_status::running)
    return; // already handled (stopped or restarted meanwhile)
  apply(self, st.logic->exited(idx, reason, now(self)));
  publish(self);
}

uint64_t pick_seed(uint64_t seed) {
  if (seed != 0)
    return seed;
  std::random_device rd;
  return (uint64_t{rd()} << 32) | rd();
}

} // namespace

caf::behavior supervisor_actor(self_ptr self, supervisor_config cfg,
                               std::vector<child_spec> children,
                               std::shared_ptr<actor_directory> dir) {
  auto& st = self->state;
  std::vector<supervision_state::child_def> defs;
  for (auto& spec : children)
    defs.push_back({spec.name, spec.type});
  st.logic.emplace(cfg.name, cfg.strategy, cfg.intensity, cfg.backoff,
                   pick_seed(cfg.seed), std::move(defs));
  st.config = std::move(cfg);
  st.specs = std::move(children);
  st.directory = std::move(dir);
  st.live = std::make_shared<std::vector<caf::actor>>(st.specs.size());
  for (size_t i = 0; i < st.logic->size(); ++i) {
    if (auto err = st.directory->claim(st.logic->child(i))) {
      logging::error(st.config.name, "cannot register child",
                     {{"error", render(err)}});
      self->quit(err);
      return {};
    }
  }
  // Runs as the supervisor terminates; after an orderly shutdown nothing is
  // left, after a kill this stops the orphans.
  self->attach_functor([live = st.live, dir = st.directory,
                        name = st.config.name](const caf::error& reason) {
    for (auto& child : *live)
      if (child)
        caf::anon_send_exit(child, caf::exit_reason::user_shutdown);
    dir->set_children_stopped(name, "supervisor stopped: "
                                      + render_exit_reason(reason));
  });
  self->set_down_handler([=](caf::down_msg& dm) { on_down(self, dm); });
  self->set_exit_handler([=](caf::exit_msg& em) { on_exit_msg(self, em); });
  for (size_t i = 0; i < st.specs.size(); ++i)
    start_child(self, i);
  publish(self);
  return {
    [=](restart_atom, uint64_t plan) {
      apply(self, self->state.logic->timer_fired(plan));
      publish(self);
    },
    [=](stop_tmo_atom, uint64_t idx, uint64_t instance) {
      on_stop_timeout(self, idx, instance);
    },
    [=](start_fail_atom, uint64_t idx, const caf::error& reason) {
      on_start_failed(self, idx, reason);
    },
    [=](caf::get_atom) { return self->state.logic->snapshot(); },
  };
}

caf::expected<caf::actor>
spawn_supervisor(caf::actor_system& sys, supervisor_config cfg,
                 std::vector<child_spec> children,
                 std::shared_ptr<actor_directory> dir) {
  if (auto err = validate(cfg, children))
    return err;
  child_snapshot info;
  info.name = cfg.name;
  if (auto err = dir->claim(info))
    return err;
  auto name = cfg.name;
  auto handle
    = sys.spawn(supervisor_actor, std::move(cfg), std::move(children), dir);
  info.status = child_status::running;
  info.instance = handle.id();
  dir->update(info, handle);
  auto ptr = caf::actor_cast<caf::abstract_actor*>(handle);
  ptr->attach_functor([dir, name](const caf::error& reason) {
    dir->set_stopped(name, render_exit_reason(reason));
  });
  return handle;
}

caf::expected<child_spec> supervisor_child(supervisor_config cfg,
                                           std::vector<child_spec> children,
                                           std::shared_ptr<actor_directory> dir,
                                           restart_type type) {
  if (auto err = validate(cfg, children))
    return err;
  auto name = cfg.name;
  child_spec::factory_fn factory
    = [cfg = std::move(cfg), children = std::move(children),
       dir](caf::actor_system& sys) {
        return sys.spawn(supervisor_actor, cfg, children, dir);
      };
  return child_spec{std::move(name), type, std::move(factory)};
}

} // namespace actorbus::supervision
