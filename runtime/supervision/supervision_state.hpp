#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "caf/error.hpp"

#include "runtime/supervision/exponential_backoff.hpp"
#include "runtime/supervision/restart_intensity.hpp"
#include "runtime/supervision/restart_type.hpp"
#include "runtime/supervision/tree_snapshot.hpp"

namespace actorbus::supervision {

/// What the supervisor actor has to do after an event. Indices refer to the
/// child list (start order).
struct supervisor_actions {
  /// Children to stop now (user_shutdown), in reverse start order.
  std::vector<size_t> stop;
  /// Children to (re)start now, in start order.
  std::vector<size_t> start;
  /// A restart plan to fire after `delay` (pass `plan` to `timer_fired`).
  uint64_t plan = 0;
  caf::timespan delay{0};
  /// The intensity was exceeded: shutdown has begun (see `next_to_stop`).
  bool escalate = false;
};

/// The decision logic of one supervisor, without actors: which children to
/// stop and restart for which exit, after which backoff, and when to give
/// up. The supervisor actor feeds it events (started, exited, timer fired)
/// with its clock's time and executes the returned actions. Logs one line
/// per restart decision, per completed restart and per escalation, with the
/// supervisor's name as component. Not thread-safe.
///
///  child exits ──> normal & not permanent, or temporary ──> stopped
///      │
///      └─ restart? ─ intensity exceeded ──> escalate: stop all children in
///                    │                      reverse order, quit(restart_limit)
///                    └─ plan: stop affected siblings, wait for their exit
///                       and for the backoff, then start the plan's children
///                       in start order
class supervision_state {
public:
  using time_point = std::chrono::steady_clock::time_point;

  struct child_def {
    std::string name;
    restart_type type = restart_type::permanent;
  };

  /// `seed` seeds the backoff jitter (child i uses seed + i).
  supervision_state(std::string name, restart_strategy strategy,
                    intensity_policy intensity, backoff_policy backoff,
                    uint64_t seed, std::vector<child_def> children);

  const std::string& name() const noexcept { return name_; }
  size_t size() const noexcept { return children_.size(); }
  const child_snapshot& child(size_t idx) const { return children_[idx].info; }
  std::optional<size_t> index_of(const std::string& child_name) const;

  /// Child `idx` runs as actor `instance` since `now`.
  void started(size_t idx, uint64_t instance, time_point now);

  /// The factory of child `idx` failed at `now`: the child counts as
  /// running without an instance (id 0) until the actor reports the failure
  /// through `exited`, so a failed start is treated like a crash.
  void start_failed(size_t idx, time_point now);

  /// Child `idx` terminated with `reason` at `now` (a down_msg, or a failed
  /// start). Unknown or already stopped children yield no actions.
  supervisor_actions exited(size_t idx, const caf::error& reason,
                            time_point now);

  /// The backoff of `plan` elapsed. Returns the children to start, once
  /// every child of the plan has terminated; otherwise the start follows
  /// from the `exited` of the last one. Stale plans yield nothing.
  supervisor_actions timer_fired(uint64_t plan);

  /// Starts the orderly shutdown: no more restarts, pending plans dropped.
  /// Idempotent; the first reason wins.
  void begin_shutdown(caf::error reason);
  bool shutting_down() const noexcept { return shutting_down_; }
  const caf::error& shutdown_reason() const noexcept { return reason_; }

  /// During shutdown: the next child to stop (reverse start order), marked
  /// as stopping; nullopt while a child is still stopping or when done.
  std::optional<size_t> next_to_stop();

  /// True once no child is running or stopping.
  bool all_stopped() const noexcept;

  /// Every child, `parent` set to this supervisor's name.
  tree_snapshot snapshot() const;

private:
  struct child_entry {
    child_snapshot info;
    exponential_backoff backoff;
    uint64_t plan = 0;    ///< restart plan this child waits for
    bool started = false; ///< has run at least once
  };

  struct plan_info {
    std::vector<size_t> members;
    bool fired = false;
  };

  std::vector<size_t> affected_by(size_t idx) const;
  void join_plan(size_t idx, uint64_t plan);
  supervisor_actions ready(uint64_t plan);
  supervisor_actions escalate(size_t idx, const std::string& reason,
                              size_t count);

  std::string name_;
  restart_strategy strategy_;
  restart_intensity intensity_;
  std::vector<child_entry> children_;
  std::map<uint64_t, plan_info> plans_;
  uint64_t next_plan_ = 1;
  bool shutting_down_ = false;
  caf::error reason_;
};

} // namespace actorbus::supervision
