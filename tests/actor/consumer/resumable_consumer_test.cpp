// The resumable consumer (actors/consumer) under kills, crashes and
// rebalances, with the broker and a supervisor on the deterministic
// scheduler (simulated time drives backoffs; no sleeps).

#include <random>
#include <set>

#include "tests/actor/consumer/consumer_fixture.hpp"

using namespace std::chrono_literals;
using namespace actorbus;
using namespace actorbus::test;

namespace {

using ResumableConsumer = consumer_fixture;

/// Runs at most `n` pending messages one by one.
void step(caf::scheduler::test_coordinator& sched, size_t n) {
  for (size_t i = 0; i < n && sched.try_run_once(); ++i) {
    // one message per iteration
  }
}

} // namespace

TEST_F(ResumableConsumer, HandlesEveryEventOnceAndAcksAfterThePublish) {
  brk = start_broker();
  supervise(ledger_config());
  run();
  deposit_many(40);
  run();
  expect_exactly_once();
  EXPECT_EQ(live_ledger("ledger"), replayed());
  auto& st = consumer_state("ledger");
  EXPECT_EQ(st.handled, 40u);
  EXPECT_EQ(st.published, 40u);
  EXPECT_EQ(st.inbox.size(), 40u);
  // Everything acked: the group has no lag.
  auto status = ask<broker::broker_status>(brk, broker::status_request{});
  ASSERT_TRUE(status);
  for (auto& g : status->groups)
    for (auto& p : g.partitions)
      EXPECT_EQ(p.lag, 0) << g.group << "/" << p.partition;
}

TEST_F(ResumableConsumer, StateRebuiltByReplayEqualsTheStateBeforeTheKill) {
  brk = start_broker();
  supervise(ledger_config());
  run();
  deposit_many(50);
  run();
  auto before = live_ledger("ledger");
  auto inbox_before = consumer_state("ledger").inbox;
  auto old_instance = dir->info("ledger")->instance;
  ASSERT_TRUE(dir->kill("ledger"));
  run();
  settle();
  ASSERT_NE(dir->info("ledger")->instance, old_instance);
  EXPECT_EQ(dir->info("ledger")->restarts, 1u);
  auto& st = consumer_state("ledger");
  EXPECT_EQ(st.rebuilt, 50u);
  EXPECT_EQ(st.handled, 0u);
  EXPECT_EQ(live_ledger("ledger"), before);
  EXPECT_EQ(st.inbox, inbox_before);
  EXPECT_TRUE(logged("ledger: rebuilt state from own events topic=ledger "
                     "inbox=50"));
  // The new instance continues from the committed offsets.
  deposit_many(10);
  run();
  expect_exactly_once();
  EXPECT_EQ(consumer_state("ledger").handled, 10u);
}

TEST_F(ResumableConsumer, KilledMidBatchManyTimesAppliesEveryEventOnce) {
  const uint64_t seed = 20261126;
  std::printf("seed=%llu\n", static_cast<unsigned long long>(seed));
  std::mt19937_64 rng{seed};
  brk = start_broker();
  supervise(ledger_config("ledger", 8));
  run();
  std::set<uint64_t> killed; // a kill may hit an instance not yet dead
  for (int round = 0; round < 40; ++round) {
    deposit_many(12);
    // Let it work for a random number of messages, then kill it the way
    // the operations tooling does, wherever it is (rebuilding, holding
    // unacked deliveries, waiting for a publish).
    step(sched, 1 + rng() % 120);
    if (auto instance = dir->kill("ledger"))
      killed.insert(*instance);
    sched.advance_time(5ms); // the backoff timer fires on the next steps
  }
  run();
  settle();
  EXPECT_GE(killed.size(), 10u);
  EXPECT_EQ(dir->info("ledger")->restarts, killed.size());
  expect_exactly_once();
  // Kills hit deliveries in flight: they came back with attempt > 1, and
  // some of them had their effect in the log already (inbox hits).
  EXPECT_GT(observer->redeliveries, 0u);
  EXPECT_GT(observer->max_attempt, 1);
  EXPECT_GT(observer->duplicates, 0u);
  EXPECT_EQ(live_ledger("ledger"), replayed());
}

TEST_F(ResumableConsumer, KillDuringARebalanceLosesAndDuplicatesNothing) {
  brk = start_broker();
  supervise(ledger_config("ledger-a", 8));
  run();
  deposit_many(40);
  run();
  deposit_many(60);
  step(sched, 25); // ledger-a holds unacked deliveries
  // A second member joins the group: the coordinator moves a partition,
  // with the events in flight on it, from ledger-a to ledger-b.
  supervise(ledger_config("ledger-b", 8));
  size_t guard = 0;
  while (guard++ < 100000 && sched.try_run_once()) {
    auto b = dir->lookup("ledger-b");
    if (b && !state_of<consumer::resumable_state>(*b).coordinators.empty())
      break;
  }
  ASSERT_TRUE(dir->kill("ledger-a"));
  step(sched, 40);
  deposit_many(30);
  run();
  settle();
  EXPECT_EQ(dir->info("ledger-a")->restarts, 1u);
  expect_exactly_once();
  EXPECT_GT(observer->redeliveries, 0u);
  // ledger-b took over (it got the partitions of the killed member).
  EXPECT_GT(consumer_state("ledger-b").handled, 0u);
  EXPECT_GE(observer->handled_count, deposited.size());
}

TEST_F(ResumableConsumer, CrashLoopExceedingIntensityIsStoppedAndReported) {
  opts.max_attempts = 100; // the broker would dead-letter it otherwise
  brk = start_broker();
  supervise(ledger_config(), 3);
  run();
  deposit_many(5);
  run();
  // A poison event: the handler throws on every delivery.
  auto req = producer.prepare("deposits", "poison", deposit{"poison", 1});
  ASSERT_TRUE(req);
  ASSERT_TRUE(ask<broker::publish_result>(brk, *req));
  run();
  settle();
  EXPECT_TRUE(logged("ledger: handler crashed"));
  EXPECT_TRUE(logged("sup-ledger: giving up: restart intensity exceeded "
                     "child=ledger"));
  auto sup = dir->info("sup-ledger");
  ASSERT_TRUE(sup);
  EXPECT_EQ(sup->status, supervision::child_status::stopped);
  EXPECT_EQ(sup->last_reason.rfind("restart_limit", 0), 0u)
    << sup->last_reason;
  EXPECT_EQ(dir->info("ledger")->status, supervision::child_status::stopped);
  // The good deposits before the poison one are in the log once.
  expect_exactly_once();
  // Nothing restarts any more.
  auto restarts = dir->info("ledger")->restarts;
  settle();
  EXPECT_EQ(dir->info("ledger")->restarts, restarts);
}

namespace {

/// Stands between a consumer and the broker and loses the first `drops`
/// publish requests (they are never answered, as over a dropped link).
caf::behavior lossy_broker(caf::event_based_actor* self, caf::actor real,
                           std::shared_ptr<int> drops) {
  return {
    [=](broker::publish_request& req) -> caf::delegated<caf::message> {
      if (*drops > 0) {
        --*drops;
        return {}; // nobody answers
      }
      return self->delegate(real, std::move(req));
    },
    [=](broker::join_request& req) {
      return self->delegate(real, std::move(req));
    },
    [=](broker::read_request& req) {
      return self->delegate(real, std::move(req));
    },
    [=](broker::topic_metadata_request& req) {
      return self->delegate(real, std::move(req));
    },
  };
}

} // namespace

TEST_F(ResumableConsumer, UnansweredPublishIsSentAgainAfterTheTimeout) {
  brk = start_broker();
  auto drops = std::make_shared<int>(1);
  auto rc = ledger_config();
  rc.broker = sys.spawn(lossy_broker, brk, drops);
  rc.request_timeout = 1s;
  supervise(rc);
  run();
  deposit_many(6);
  run();
  EXPECT_EQ(*drops, 0) << "the first publish was lost";
  EXPECT_LT(consumer_state("ledger").published, 6u);
  EXPECT_EQ(consumer_state("ledger").unanswered_publishes.size(), 1u);
  EXPECT_FALSE(logged("publish retry"));
  advance(1s);
  EXPECT_TRUE(logged("publish retry")) << "the watchdog found it";
  EXPECT_TRUE(logged("attempt=2"));
  EXPECT_EQ(consumer_state("ledger").published, 6u);
  EXPECT_TRUE(consumer_state("ledger").unanswered_publishes.empty());
  expect_exactly_once();
  // Answered publishes leave nothing for the watchdog to resend.
  auto retries = lines.size();
  advance(3s);
  deposit_many(4);
  run();
  advance(3s);
  EXPECT_EQ(consumer_state("ledger").published, 10u);
  expect_exactly_once();
  size_t more = 0;
  for (auto i = retries; i < lines.size(); ++i)
    more += lines[i].find("publish retry") != std::string::npos ? 1 : 0;
  EXPECT_EQ(more, 0u);
}

TEST_F(ResumableConsumer, TypeFilterPassesOverOtherTypesWithoutCatchUps) {
  brk = start_broker();
  auto cfg = ledger_config();
  cfg.input_types["deposits"] = {deposit::event_type};
  supervise(cfg);
  run();
  deposit_many(10);
  run();
  auto catch_ups = consumer_state("ledger").catch_ups;
  // Other types between the deposits of every partition: never delivered,
  // and the gaps they leave are not mistaken for another member's work.
  std::vector<events::envelope> noise;
  for (int i = 0; i < 30; ++i)
    noise.push_back(broker::make_envelope("a" + std::to_string(i % 7),
                                          credited{"x", 1}));
  auto req = producer.prepare("deposits", std::move(noise));
  ASSERT_TRUE(req);
  caf::anon_send(brk, std::move(*req));
  deposit_many(10);
  run();
  expect_exactly_once();
  auto& st = consumer_state("ledger");
  EXPECT_EQ(st.handled, 20u);
  EXPECT_EQ(st.catch_ups, catch_ups);
  auto status = ask<broker::broker_status>(brk, broker::status_request{});
  ASSERT_TRUE(status);
  for (auto& g : status->groups) {
    if (g.topic != "deposits")
      continue;
    EXPECT_EQ(g.types, std::vector<std::string>{deposit::event_type});
    for (auto& p : g.partitions)
      EXPECT_EQ(p.lag, 0) << "committed past the other types";
  }
}
