// Escalation, crash loops, nested supervisors and orderly shutdown of the
// supervisor actor, under the deterministic scheduler (simulated time).

#include "tests/actor/supervisor/supervisor_fixture.hpp"

using namespace std::chrono_literals;
using namespace actorbus;
using namespace actorbus::test;

namespace {

class SupervisorLifecycle : public supervisor_fixture {
protected:
  /// A child that throws while starting; counts its starts.
  child_spec crasher(const std::string& name, std::shared_ptr<int> starts) {
    return child_spec{name, restart_type::permanent,
                      [=](caf::actor_system& sys) {
                        ++*starts;
                        return sys.spawn(crash_on_start);
                      }};
  }

  child_spec nested(supervision::supervisor_config cfg,
                    std::vector<child_spec> children) {
    auto spec
      = supervision::supervisor_child(std::move(cfg), std::move(children), dir);
    EXPECT_TRUE(spec);
    return *spec;
  }

  /// Advances simulated time step by step, long enough for any backoff.
  void settle() {
    for (int i = 0; i < 50; ++i)
      advance(100ms);
  }
};

} // namespace

TEST_F(SupervisorLifecycle, CrashLoopExceedingIntensityIsStoppedAndReported) {
  auto starts = std::make_shared<int>(0);
  spawn_root(config("sup", restart_strategy::one_for_one, 3),
             {worker("a"), crasher("loop", starts), worker("c")});
  settle();
  // The initial start plus 3 restarts; the 4th restart is refused.
  EXPECT_EQ(*starts, 4);
  EXPECT_TRUE(logged("sup: restarting child=loop"));
  EXPECT_TRUE(logged("attempt=3/3"));
  EXPECT_TRUE(logged("sup: giving up: restart intensity exceeded child=loop"));
  EXPECT_TRUE(logged("restarts=4/3"));
  auto root = dir->info("sup");
  ASSERT_TRUE(root);
  EXPECT_EQ(root->status, child_status::stopped);
  EXPECT_EQ(root->last_reason.rfind("restart_limit: supervisor sup", 0), 0u)
    << root->last_reason;
  // Its siblings were stopped in reverse start order, nothing restarts.
  EXPECT_EQ(events->stops(), (std::vector<std::string>{"c", "a"}));
  settle();
  EXPECT_EQ(*starts, 4);
  EXPECT_EQ(status("a"), child_status::stopped);
}

TEST_F(SupervisorLifecycle, EscalationIsSeenByTheParentSupervisor) {
  auto starts = std::make_shared<int>(0);
  auto inner = nested(config("inner", restart_strategy::one_for_one, 1),
                      {worker("x"), crasher("loop", starts)});
  spawn_root(config("root", restart_strategy::one_for_one, 2),
             {worker("a"), inner});
  auto first_inner = instance("inner");
  // inner: start + 1 restart of loop, then gives up with restart_limit.
  run();
  advance(10ms);
  EXPECT_EQ(*starts, 2);
  auto info = dir->info("inner");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->last_reason.rfind("restart_limit: supervisor inner", 0), 0u)
    << info->last_reason;
  EXPECT_TRUE(logged("root: restarting child=inner instance="
                     + std::to_string(first_inner)
                     + " reason=\"restart_limit: supervisor inner"));
  advance(10ms);
  EXPECT_EQ(status("inner"), child_status::running);
  EXPECT_NE(instance("inner"), first_inner);
  EXPECT_EQ(dir->info("inner")->restarts, 1u);
  EXPECT_EQ(status("x"), child_status::running); // restarted with inner
  // The loop continues until root exceeds its own intensity, then stops.
  settle();
  auto root = dir->info("root");
  EXPECT_EQ(root->status, child_status::stopped);
  EXPECT_EQ(root->last_reason.rfind("restart_limit: supervisor root", 0), 0u)
    << root->last_reason;
  // root: 3 inner instances (start + 2 restarts), each starting loop twice.
  EXPECT_EQ(*starts, 6);
  EXPECT_EQ(status("a"), child_status::stopped);
  EXPECT_EQ(status("x"), child_status::stopped);
}

TEST_F(SupervisorLifecycle, OrderlyShutdownInReverseStartOrder) {
  auto inner = nested(config("inner", restart_strategy::one_for_one),
                      {worker("x"), worker("y")});
  auto root = spawn_root(config("root", restart_strategy::one_for_one),
                         {worker("a"), inner, worker("c")});
  // Spawning is asynchronous: inner starts x and y when it first runs,
  // after root has spawned c.
  EXPECT_EQ(events->events, (std::vector<std::string>{"start:a", "start:c",
                                                      "start:x", "start:y"}));
  caf::anon_send_exit(root, caf::exit_reason::user_shutdown);
  run();
  EXPECT_EQ(events->stops(), (std::vector<std::string>{"c", "y", "x", "a"}));
  EXPECT_EQ(status("root"), child_status::stopped);
  EXPECT_EQ(dir->info("root")->last_reason, "exit_reason(user_shutdown)");
  for (auto name : {"a", "inner", "x", "y", "c"})
    EXPECT_EQ(status(name), child_status::stopped) << name;
  // Nothing is restarted after a shutdown.
  settle();
  EXPECT_EQ(events->events.size(), 8u);
}

TEST_F(SupervisorLifecycle, ChildThatIgnoresShutdownIsKilledAfterTimeout) {
  auto cfg = config("root", restart_strategy::one_for_one);
  cfg.shutdown_timeout = 2s;
  auto root = spawn_root(
    cfg, {worker("a"), worker("stubborn", restart_type::permanent, true)});
  caf::anon_send_exit(root, caf::exit_reason::user_shutdown);
  run();
  EXPECT_TRUE(events->stops().empty());
  EXPECT_EQ(status("root"), child_status::running);
  advance(2s);
  EXPECT_EQ(events->stops(), (std::vector<std::string>{"stubborn", "a"}));
  EXPECT_EQ(dir->info("stubborn")->last_reason, "exit_reason(kill)");
  EXPECT_TRUE(logged("child did not stop in time, killing child=stubborn"));
  EXPECT_EQ(status("root"), child_status::stopped);
}

TEST_F(SupervisorLifecycle, KilledSupervisorStopsItsChildren) {
  auto root = spawn_root(config("root", restart_strategy::one_for_one),
                         {worker("a"), worker("b")});
  caf::anon_send_exit(root, caf::exit_reason::kill);
  run();
  EXPECT_EQ(events->stops().size(), 2u);
  EXPECT_EQ(status("root"), child_status::stopped);
  EXPECT_EQ(status("a"), child_status::stopped);
  EXPECT_TRUE(
    has_code(dir->lookup("b").error(), actorbus::errc::unknown_actor));
}

TEST_F(SupervisorLifecycle, InvalidConfigurationIsRejected) {
  auto cfg = config("root", restart_strategy::one_for_one);
  auto dup
    = supervision::spawn_supervisor(sys, cfg, {worker("a"), worker("a")}, dir);
  ASSERT_FALSE(dup);
  EXPECT_TRUE(has_code(dup.error(), actorbus::errc::invalid_argument));
  child_spec no_factory{"b", restart_type::permanent, nullptr};
  EXPECT_FALSE(supervision::spawn_supervisor(sys, cfg, {no_factory}, dir));
  cfg.backoff.jitter = 1.5;
  EXPECT_FALSE(supervision::supervisor_child(cfg, {worker("a")}, dir));
}

TEST_F(SupervisorLifecycle, NameOwnedByAnotherSupervisorIsRefused) {
  spawn_root(config("one", restart_strategy::one_for_one), {worker("a")});
  spawn_root(config("two", restart_strategy::one_for_one), {worker("a")});
  EXPECT_EQ(status("two"), child_status::stopped);
  EXPECT_EQ(dir->info("two")->last_reason.rfind("invalid_argument", 0), 0u);
  EXPECT_EQ(dir->info("a")->parent, "one");
  EXPECT_EQ(status("a"), child_status::running);
}

TEST_F(SupervisorLifecycle, ConfigFromNodeOptions) {
  supervision_options opts;
  opts.max_restarts = 4;
  opts.backoff_min = 25ms;
  auto cfg = supervision::supervisor_config::from_options(
    "shop", restart_strategy::rest_for_one, opts);
  EXPECT_EQ(cfg.name, "shop");
  EXPECT_EQ(cfg.strategy, restart_strategy::rest_for_one);
  EXPECT_EQ(cfg.intensity.max_restarts, 4u);
  EXPECT_EQ(cfg.backoff.min, 25ms);
  EXPECT_EQ(cfg.backoff.max, opts.backoff_max);
  EXPECT_DOUBLE_EQ(cfg.backoff.jitter, opts.backoff_jitter);
}
