#pragma once

#include <gtest/gtest.h>

#include "caf/actor_system.hpp"
#include "caf/actor_system_config.hpp"
#include "caf/scheduler/test_coordinator.hpp"
#include "caf/scoped_actor.hpp"
#include "caf/stateful_actor.hpp"

#include "actors/system/register_types.hpp"

namespace actorbus::test {

/// GoogleTest fixture for deterministic actor tests (GUIDE.md section 7):
/// nothing runs until the test calls `run()`, `run_once()` or
/// `advance_time()`. Time is simulated; there are no sleeps.
///
/// Requests from `self`: keep the response handle, call `run()`, then
/// `receive()` on the handle (receiving before `run()` blocks forever).
class actor_fixture : public ::testing::Test {
protected:
  static caf::actor_system_config& init(caf::actor_system_config& cfg) {
    cfg.set("scheduler.policy", caf::atom("testing"));
    cfg.set("logger.inline-output", true);
    register_types(cfg);
    return cfg;
  }

  actor_fixture()
    : sys(init(cfg)),
      self(sys, true),
      sched(dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler())) {
    // nop
  }

  ~actor_fixture() override { sched.run(); }

  /// Runs every pending message; returns how many ran.
  size_t run() { return sched.run(); }

  /// Advances simulated time by `d`, fires due timeouts and runs.
  size_t advance(caf::timespan d) {
    auto n = sched.advance_time(d);
    run();
    return n;
  }

  /// Direct access to the state of a stateful actor (safe here because
  /// nothing runs concurrently).
  /// For typed actors, pass the handle's `base` as `Base`.
  template <class State, class Base = caf::event_based_actor, class Handle>
  State& state_of(const Handle& x) {
    auto ptr = caf::actor_cast<caf::abstract_actor*>(x);
    return dynamic_cast<caf::stateful_actor<State, Base>&>(*ptr).state;
  }

  caf::actor_system_config cfg;
  caf::actor_system sys;
  caf::scoped_actor self;
  caf::scheduler::test_coordinator& sched;
};

} // namespace actorbus::test
