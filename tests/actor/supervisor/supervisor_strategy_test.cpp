// Restart strategies, restart types, backoff timing and lookup by name of the
// supervisor actor, under the deterministic scheduler (simulated time).

#include "tests/actor/supervisor/supervisor_fixture.hpp"

using namespace std::chrono_literals;
using namespace actorbus;
using namespace actorbus::test;

namespace {

class SupervisorStrategy : public supervisor_fixture {};

} // namespace

TEST_F(SupervisorStrategy, StartsChildrenInOrderAndRegistersThem) {
  spawn_root(config("sup", restart_strategy::one_for_one),
             {worker("a"), worker("b"), worker("c")});
  EXPECT_EQ(events->events,
            (std::vector<std::string>{"start:a", "start:b", "start:c"}));
  auto snap = dir->snapshot();
  ASSERT_EQ(snap.children.size(), 4u);
  EXPECT_EQ(snap.children[0].name, "sup");
  EXPECT_EQ(snap.children[0].parent, "");
  for (auto name : {"a", "b", "c"}) {
    auto x = snap.find(name);
    ASSERT_NE(x, nullptr) << name;
    EXPECT_EQ(x->parent, "sup");
    EXPECT_EQ(x->status, child_status::running);
    auto h = dir->lookup(name);
    ASSERT_TRUE(h);
    EXPECT_EQ(h->id(), x->instance);
  }
}

TEST_F(SupervisorStrategy, OneForOneRestartsOnlyTheCrashedChildAfterBackoff) {
  spawn_root(config("sup", restart_strategy::one_for_one),
             {worker("a"), worker("b"), worker("c")});
  auto a = instance("a"), b = instance("b"), c = instance("c");
  send_to("b", crash_atom::value);
  run();
  EXPECT_EQ(status("b"), child_status::restarting);
  EXPECT_TRUE(
    has_code(dir->lookup("b").error(), actorbus::errc::unknown_actor));
  advance(9ms);
  EXPECT_EQ(status("b"), child_status::restarting);
  advance(1ms);
  EXPECT_EQ(status("b"), child_status::running);
  EXPECT_NE(instance("b"), b);
  EXPECT_EQ(instance("a"), a);
  EXPECT_EQ(instance("c"), c);
  auto info = dir->info("b");
  EXPECT_EQ(info->restarts, 1u);
  EXPECT_EQ(info->last_reason, "system_error(runtime_error)");
  EXPECT_EQ(events->stops(), std::vector<std::string>{"b"});
}

TEST_F(SupervisorStrategy, BackoffDoublesPerRestartInSimulatedTime) {
  spawn_root(config("sup", restart_strategy::one_for_one, 10), {worker("a")});
  for (auto delay : {10ms, 20ms, 40ms, 80ms}) {
    auto before = instance("a");
    send_to("a", crash_atom::value);
    run();
    advance(delay - 1ms);
    EXPECT_EQ(status("a"), child_status::restarting) << delay.count();
    advance(1ms);
    EXPECT_EQ(status("a"), child_status::running) << delay.count();
    EXPECT_NE(instance("a"), before);
    EXPECT_TRUE(logged("backoff=" + std::to_string(delay.count()) + "ms"));
  }
  EXPECT_EQ(dir->info("a")->restarts, 4u);
}

TEST_F(SupervisorStrategy, JitteredBackoffStaysWithinBounds) {
  auto cfg = config("sup", restart_strategy::one_for_one, 10);
  cfg.backoff.jitter = 0.25;
  cfg.seed = 20261126;
  SCOPED_TRACE("seed " + std::to_string(cfg.seed));
  spawn_root(cfg, {worker("a")});
  // Base delays 10ms, 20ms, 40ms; each jittered into [0.75, 1.25] * base.
  bool jittered = false;
  for (caf::timespan base : {10ms, 20ms, 40ms}) {
    send_to("a", crash_atom::value);
    run();
    caf::timespan elapsed{0};
    while (status("a") != child_status::running && elapsed < 2 * base) {
      advance(100us);
      elapsed += 100us;
    }
    EXPECT_GE(elapsed, base * 3 / 4) << base.count();
    EXPECT_LE(elapsed, base * 5 / 4 + 100us) << base.count();
    jittered = jittered || elapsed < base || elapsed > base + 100us;
  }
  EXPECT_TRUE(jittered);
}

TEST_F(SupervisorStrategy, OneForAllRestartsEveryChildInStartOrder) {
  spawn_root(config("sup", restart_strategy::one_for_all),
             {worker("a"), worker("b"), worker("c")});
  auto a = instance("a"), b = instance("b"), c = instance("c");
  events->events.clear();
  send_to("b", crash_atom::value);
  run();
  advance(10ms);
  EXPECT_EQ(events->events,
            (std::vector<std::string>{"stop:b", "stop:c", "stop:a", "start:a",
                                      "start:b", "start:c"}));
  EXPECT_NE(instance("a"), a);
  EXPECT_NE(instance("b"), b);
  EXPECT_NE(instance("c"), c);
  EXPECT_EQ(dir->info("a")->restarts, 1u);
  EXPECT_EQ(dir->info("a")->last_reason, "exit_reason(user_shutdown)");
}

TEST_F(SupervisorStrategy, RestForOneRestartsLaterSiblingsOnly) {
  spawn_root(config("sup", restart_strategy::rest_for_one),
             {worker("a"), worker("b"), worker("c")});
  auto a = instance("a"), b = instance("b"), c = instance("c");
  events->events.clear();
  send_to("b", crash_atom::value);
  run();
  advance(10ms);
  EXPECT_EQ(events->events, (std::vector<std::string>{"stop:b", "stop:c",
                                                      "start:b", "start:c"}));
  EXPECT_EQ(instance("a"), a);
  EXPECT_NE(instance("b"), b);
  EXPECT_NE(instance("c"), c);
}

TEST_F(SupervisorStrategy, KillByNameFromOutsideIsRestartedAndLookupFollows) {
  spawn_root(config("shop", restart_strategy::one_for_one),
             {worker("payment"), worker("notification")});
  auto old = dir->lookup("payment");
  ASSERT_TRUE(old);
  auto killed = dir->kill("payment");
  ASSERT_TRUE(killed);
  EXPECT_EQ(*killed, old->id());
  run();
  advance(10ms);
  auto fresh = dir->lookup("payment");
  ASSERT_TRUE(fresh);
  EXPECT_NE(fresh->id(), old->id());
  EXPECT_EQ(fresh->id(), instance("payment"));
  EXPECT_TRUE(logged("shop: restarting child=payment instance="
                     + std::to_string(old->id())
                     + " reason=exit_reason(kill) attempt=1/3 window=10s "
                       "backoff=10ms"));
  EXPECT_TRUE(logged("shop: restarted child=payment instance="
                     + std::to_string(fresh->id()) + " restarts=1"));
  // Killing again works on the new instance.
  ASSERT_TRUE(dir->kill("payment"));
  run();
  advance(20ms);
  EXPECT_EQ(dir->info("payment")->restarts, 2u);
  EXPECT_TRUE(logged("attempt=2/3"));
  EXPECT_TRUE(
    has_code(dir->kill("nobody").error(), actorbus::errc::unknown_actor));
}

TEST_F(SupervisorStrategy, RestartTypesOnNormalExit) {
  spawn_root(config("sup", restart_strategy::one_for_one),
             {worker("p", restart_type::permanent),
              worker("t", restart_type::transient),
              worker("x", restart_type::temporary)});
  send_to("p", done_atom::value);
  send_to("t", done_atom::value);
  send_to("x", done_atom::value);
  run();
  advance(1s);
  EXPECT_EQ(status("p"), child_status::running);
  EXPECT_EQ(dir->info("p")->restarts, 1u);
  EXPECT_EQ(status("t"), child_status::stopped);
  EXPECT_EQ(status("x"), child_status::stopped);
  EXPECT_EQ(dir->info("t")->last_reason, "normal");
  EXPECT_TRUE(logged("child stopped, not restarted child=t"));
}

TEST_F(SupervisorStrategy, RestartTypesOnAbnormalExit) {
  spawn_root(config("sup", restart_strategy::one_for_one),
             {worker("p", restart_type::permanent),
              worker("t", restart_type::transient),
              worker("x", restart_type::temporary)});
  send_to("p", crash_atom::value);
  send_to("t", crash_atom::value);
  ASSERT_TRUE(dir->kill("x"));
  run();
  advance(1s);
  EXPECT_EQ(status("p"), child_status::running);
  EXPECT_EQ(status("t"), child_status::running);
  EXPECT_EQ(dir->info("t")->restarts, 1u);
  EXPECT_EQ(status("x"), child_status::stopped);
  EXPECT_EQ(dir->info("x")->last_reason, "exit_reason(kill)");
  EXPECT_EQ(dir->info("x")->restarts, 0u);
}

TEST_F(SupervisorStrategy, FactoryFailureCountsAsCrash) {
  auto calls = std::make_shared<int>(0);
  auto j = events;
  child_spec flaky{"flaky", restart_type::permanent,
                   [=](caf::actor_system& sys) -> caf::actor {
                     if (++*calls == 1)
                       throw std::runtime_error("no database");
                     return sys.spawn(test_worker, "flaky", j, false);
                   }};
  spawn_root(config("sup", restart_strategy::one_for_one), {flaky});
  EXPECT_EQ(status("flaky"), child_status::restarting);
  EXPECT_NE(dir->info("flaky")->last_reason.find("no database"),
            std::string::npos);
  advance(10ms);
  EXPECT_EQ(*calls, 2);
  EXPECT_EQ(status("flaky"), child_status::running);
  EXPECT_EQ(dir->info("flaky")->restarts, 1u);
}

TEST_F(SupervisorStrategy, SnapshotAsMessage) {
  auto sup = spawn_root(config("sup", restart_strategy::one_for_one),
                        {worker("a"), worker("b")});
  auto rh = self->request(sup, caf::infinite, caf::get_atom::value);
  run();
  supervision::tree_snapshot snap;
  rh.receive([&](supervision::tree_snapshot& x) { snap = std::move(x); },
             [&](caf::error& e) { FAIL() << sys.render(e); });
  ASSERT_EQ(snap.children.size(), 2u);
  EXPECT_EQ(snap.children[1].name, "b");
  EXPECT_EQ(snap.children[1].parent, "sup");
  EXPECT_EQ(snap.children[1].instance, instance("b"));
  EXPECT_EQ(caf::deep_to_string(snap.children[1].status), "running");
}
