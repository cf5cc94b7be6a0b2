#include "runtime/supervision/supervision_state.hpp"

#include <algorithm>

#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"
#include "runtime/supervision/exit_classification.hpp"

namespace actorbus::supervision {

namespace {

std::string attempt_text(size_t count, size_t max) {
  return std::to_string(count) + "/" + std::to_string(max);
}

} // namespace

supervision_state::supervision_state(std::string name,
                                     restart_strategy strategy,
                                     intensity_policy intensity,
                                     backoff_policy backoff, uint64_t seed,
                                     std::vector<child_def> children)
  : name_(std::move(name)), strategy_(strategy), intensity_(intensity) {
  children_.reserve(children.size());
  for (size_t i = 0; i < children.size(); ++i) {
    child_snapshot info;
    info.name = std::move(children[i].name);
    info.parent = name_;
    info.type = children[i].type;
    info.status = child_status::restarting; // not started yet
    children_.push_back(child_entry{
      std::move(info), exponential_backoff{backoff, seed + i}, 0, false});
  }
}

std::optional<size_t>
supervision_state::index_of(const std::string& child_name) const {
  for (size_t i = 0; i < children_.size(); ++i)
    if (children_[i].info.name == child_name)
      return i;
  return std::nullopt;
}

void supervision_state::started(size_t idx, uint64_t instance, time_point now) {
  auto& c = children_[idx];
  c.info.instance = instance;
  c.info.status = child_status::running;
  c.backoff.on_started(now);
  if (c.started) {
    ++c.info.restarts;
    logging::info(name_, "restarted",
                  {{"child", c.info.name},
                   {"instance", instance},
                   {"restarts", c.info.restarts}});
  } else {
    logging::debug(name_, "started",
                   {{"child", c.info.name}, {"instance", instance}});
  }
  c.started = true;
}

void supervision_state::start_failed(size_t idx, time_point now) {
  auto& c = children_[idx];
  c.info.instance = 0;
  c.info.status = child_status::running;
  c.backoff.on_started(now);
  if (c.started)
    ++c.info.restarts;
  c.started = true;
  logging::warn(name_, "start failed",
                {{"child", c.info.name}, {"restarts", c.info.restarts}});
}

supervisor_actions supervision_state::exited(size_t idx,
                                             const caf::error& reason,
                                             time_point now) {
  if (idx >= children_.size())
    return {};
  auto& c = children_[idx];
  auto status = c.info.status;
  if (status != child_status::running && status != child_status::stopping)
    return {};
  c.info.last_reason = render_exit_reason(reason);
  if (shutting_down_) {
    c.info.status = child_status::stopped;
    return {};
  }
  if (status == child_status::stopping) {
    // Stopped by us as part of a group restart.
    if (c.plan == 0) {
      c.info.status = child_status::stopped;
      return {};
    }
    c.info.status = child_status::restarting;
    return ready(c.plan);
  }
  if (!should_restart(c.info.type, classify_exit(reason))) {
    c.info.status = child_status::stopped;
    logging::info(name_, "child stopped, not restarted",
                  {{"child", c.info.name},
                   {"instance", c.info.instance},
                   {"type", to_string(c.info.type)},
                   {"reason", c.info.last_reason}});
    return {};
  }
  auto count = intensity_.record(now);
  if (intensity_.exceeded(count))
    return escalate(idx, c.info.last_reason, count);
  supervisor_actions result;
  result.plan = next_plan_++;
  result.delay = c.backoff.next(now);
  plans_[result.plan] = plan_info{};
  c.info.status = child_status::restarting;
  join_plan(idx, result.plan);
  for (auto j : affected_by(idx)) {
    auto& sibling = children_[j];
    auto restartable = sibling.info.type != restart_type::temporary;
    switch (sibling.info.status) {
      case child_status::running:
        sibling.info.status = child_status::stopping;
        result.stop.push_back(j);
        if (restartable)
          join_plan(j, result.plan);
        break;
      case child_status::stopping:
      case child_status::restarting:
        if (sibling.plan != 0)
          join_plan(j, result.plan);
        break;
      case child_status::stopped:
        break;
    }
  }
  std::reverse(result.stop.begin(), result.stop.end());
  logging::info(
    name_, "restarting",
    {{"child", c.info.name},
     {"instance", c.info.instance},
     {"reason", c.info.last_reason},
     {"attempt", attempt_text(count, intensity_.policy().max_restarts)},
     {"window", intensity_.policy().window},
     {"backoff", result.delay},
     {"strategy", to_string(strategy_)},
     {"siblings", result.stop.size()}});
  return result;
}

supervisor_actions supervision_state::timer_fired(uint64_t plan) {
  auto i = plans_.find(plan);
  if (shutting_down_ || i == plans_.end())
    return {};
  i->second.fired = true;
  return ready(plan);
}

void supervision_state::begin_shutdown(caf::error reason) {
  if (shutting_down_)
    return;
  shutting_down_ = true;
  reason_ = std::move(reason);
  plans_.clear();
  for (auto& c : children_) {
    c.plan = 0;
    if (c.info.status == child_status::restarting)
      c.info.status = child_status::stopped;
  }
}

std::optional<size_t> supervision_state::next_to_stop() {
  for (size_t i = children_.size(); i-- > 0;) {
    auto& info = children_[i].info;
    if (info.status == child_status::stopping)
      return std::nullopt; // wait for it: strictly reverse order
    if (info.status == child_status::running) {
      info.status = child_status::stopping;
      return i;
    }
  }
  return std::nullopt;
}

bool supervision_state::all_stopped() const noexcept {
  return std::none_of(children_.begin(), children_.end(),
                      [](const child_entry& c) {
                        return c.info.status == child_status::running
                               || c.info.status == child_status::stopping;
                      });
}

tree_snapshot supervision_state::snapshot() const {
  tree_snapshot result;
  for (auto& c : children_)
    result.children.push_back(c.info);
  return result;
}

std::vector<size_t> supervision_state::affected_by(size_t idx) const {
  std::vector<size_t> result;
  auto first = size_t{0};
  switch (strategy_) {
    case restart_strategy::one_for_one:
      return result;
    case restart_strategy::one_for_all:
      break;
    case restart_strategy::rest_for_one:
      first = idx + 1;
      break;
  }
  for (auto j = first; j < children_.size(); ++j)
    if (j != idx)
      result.push_back(j);
  return result;
}

void supervision_state::join_plan(size_t idx, uint64_t plan) {
  auto& c = children_[idx];
  if (c.plan != 0 && c.plan != plan) {
    auto i = plans_.find(c.plan);
    if (i != plans_.end()) {
      auto& members = i->second.members;
      members.erase(std::remove(members.begin(), members.end(), idx),
                    members.end());
      if (members.empty())
        plans_.erase(i);
    }
  }
  c.plan = plan;
  auto& members = plans_[plan].members;
  if (std::find(members.begin(), members.end(), idx) == members.end())
    members.push_back(idx);
}

supervisor_actions supervision_state::ready(uint64_t plan) {
  auto i = plans_.find(plan);
  if (i == plans_.end() || !i->second.fired)
    return {};
  auto& members = i->second.members;
  for (auto m : members)
    if (children_[m].info.status == child_status::stopping)
      return {};
  supervisor_actions result;
  result.start = std::move(members);
  std::sort(result.start.begin(), result.start.end());
  for (auto m : result.start)
    children_[m].plan = 0;
  plans_.erase(i);
  return result;
}

supervisor_actions supervision_state::escalate(size_t idx,
                                               const std::string& reason,
                                               size_t count) {
  auto& c = children_[idx];
  c.info.status = child_status::stopped;
  auto& policy = intensity_.policy();
  logging::error(name_, "giving up: restart intensity exceeded",
                 {{"child", c.info.name},
                  {"instance", c.info.instance},
                  {"reason", reason},
                  {"restarts", attempt_text(count, policy.max_restarts)},
                  {"window", policy.window}});
  begin_shutdown(caf::make_error(
    errc::restart_limit, "supervisor " + name_ + ": child " + c.info.name
                           + " exceeded " + std::to_string(policy.max_restarts)
                           + " restarts in "
                           + logging::field::render_duration(policy.window)
                           + ", last reason " + reason));
  supervisor_actions result;
  result.escalate = true;
  return result;
}

} // namespace actorbus::supervision
