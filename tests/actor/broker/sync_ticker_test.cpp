// The sync ticker: one timer for the interval syncs of many partitions.

#include <memory>

#include "actors/broker/sync_ticker.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace std::chrono_literals;
using namespace actorbus;
using namespace actorbus::broker;

namespace {

using SyncTicker = actorbus::test::actor_fixture;

/// Asks `ticker` for a sync `after` from now, counts the syncs it gets.
caf::behavior partition_probe(caf::event_based_actor* self, caf::actor ticker,
                              caf::timespan after,
                              std::shared_ptr<int> syncs) {
  self->send(ticker, sync_due_atom::value, self->clock().now() + after);
  return {
    [=](sync_atom) { ++*syncs; },
  };
}

} // namespace

TEST_F(SyncTicker, SyncsEachPartitionByItsDeadlineAndNearOnesTogether) {
  auto ticker = sys.spawn(sync_ticker, caf::timespan{5ms});
  auto a = std::make_shared<int>(0);
  auto b = std::make_shared<int>(0);
  auto c = std::make_shared<int>(0);
  sys.spawn(partition_probe, ticker, caf::timespan{20ms}, a);
  sys.spawn(partition_probe, ticker, caf::timespan{23ms}, b);
  sys.spawn(partition_probe, ticker, caf::timespan{40ms}, c);
  run();
  advance(19ms);
  EXPECT_EQ(*a + *b + *c, 0) << "nothing before the earliest deadline";
  advance(1ms);
  EXPECT_EQ(*a, 1);
  EXPECT_EQ(*b, 1) << "due within the slack: synced with the first";
  EXPECT_EQ(*c, 0);
  advance(19ms);
  EXPECT_EQ(*c, 0);
  advance(1ms);
  EXPECT_EQ(*c, 1);
  advance(100ms);
  EXPECT_EQ(*a + *b + *c, 3) << "each request is answered once";
  caf::anon_send_exit(ticker, caf::exit_reason::user_shutdown);
  run();
}

TEST_F(SyncTicker, AnEarlierDeadlineArrivingLaterIsNotDelayed) {
  auto ticker = sys.spawn(sync_ticker, caf::timespan{0});
  auto late = std::make_shared<int>(0);
  auto early = std::make_shared<int>(0);
  sys.spawn(partition_probe, ticker, caf::timespan{50ms}, late);
  run();
  sys.spawn(partition_probe, ticker, caf::timespan{10ms}, early);
  run();
  advance(10ms);
  EXPECT_EQ(*early, 1);
  EXPECT_EQ(*late, 0);
  advance(40ms);
  EXPECT_EQ(*late, 1);
  caf::anon_send_exit(ticker, caf::exit_reason::user_shutdown);
  run();
}
