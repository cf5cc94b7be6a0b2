// Issue #6: the whole shop (broker, five supervised services, customers) on
// the deterministic scheduler, a small seeded run whose invariants hold, also
// with scripted kills of each service at several points of the saga.

#include "tests/actor/shop/shop_fixture.hpp"

using namespace std::chrono_literals;
using namespace actorbus;
using namespace actorbus::test;

namespace {

using ShopSaga = shop_fixture;

class ShopSagaKills : public shop_fixture,
                      public ::testing::WithParamInterface<const char*> {};

uint64_t outcome(const shop::shop_summary& s, const std::string& name) {
  auto i = s.orders_by_outcome.find(name);
  return i == s.orders_by_outcome.end() ? 0 : i->second;
}

} // namespace

TEST_F(ShopSaga, SeededRunEndsWithEveryInvariantHolding) {
  start_shop();
  run();
  place_all_orders();
  drive({});
  EXPECT_EQ(orders, 50u);
  EXPECT_EQ(notices_in_log(), orders);
  auto s = audit();
  expect_invariants(s);
  EXPECT_EQ(s.orders_placed, 50u);
  // The run takes every path of the saga: confirmed, declined, out of stock
  // (with its refund).
  EXPECT_GT(outcome(s, "confirmed"), 0u);
  EXPECT_GT(outcome(s, "cancelled/payment_declined"), 0u);
  EXPECT_GT(outcome(s, "cancelled/out_of_stock"), 0u);
  EXPECT_EQ(outcome(s, "open"), 0u);
  for (auto& [name, r] : s.restarts)
    EXPECT_EQ(r.restarts, 0u) << name;
}

TEST_P(ShopSagaKills, KilledAtSeveralPointsOfTheSagaInvariantsStillHold) {
  std::string victim = GetParam();
  start_shop();
  run();
  place_all_orders();
  // Early (rebuilding from an empty topic, first deliveries in flight) and
  // late (a real history to rebuild, compensations under way).
  drive({{victim, 5, 0}, {victim, 30, 0}, {victim, 0, 10}, {victim, 0, 25}});
  auto s = audit();
  expect_invariants(s);
  EXPECT_EQ(outcome(s, "open"), 0u);
  ASSERT_EQ(killed[victim].size(), 4u);
  EXPECT_EQ(s.restarts[victim].restarts, 4u);
  EXPECT_EQ(s.restarts[victim].kills, 4u);
  // Each new instance rebuilt itself from its own topic; the killed ones
  // left deliveries in flight, which came back with attempt > 1.
  EXPECT_GT(services.counters.at(victim)->rebuilt_events, 0u);
  EXPECT_GT(services.counters.at(victim)->redelivered, 0u);
}

INSTANTIATE_TEST_SUITE_P(EachService, ShopSagaKills,
                         ::testing::Values("cart", "order", "payment",
                                           "inventory", "notification"),
                         [](const ::testing::TestParamInfo<const char*>& x) {
                           return std::string{x.param};
                         });

TEST_F(ShopSaga, AllServicesKilledAndCrashingInvariantsStillHold) {
  start_shop(0.02); // handlers also throw at random (chaos)
  run();
  place_all_orders();
  std::vector<kill_point> plan;
  for (auto svc : {"cart", "order", "payment", "inventory", "notification"})
    for (auto [n, p] : {std::pair<uint64_t, uint64_t>{3, 0}, {17, 0},
                        {0, 10}, {0, 25}})
      plan.push_back({svc, n, p});
  drive(plan);
  auto s = audit();
  expect_invariants(s);
  EXPECT_EQ(outcome(s, "open"), 0u);
  uint64_t crashes = 0;
  for (auto& [name, c] : services.counters) {
    crashes += c->crashes;
    EXPECT_EQ(killed[name].size(), 4u) << name;
    // Every kill restarts; so does every crash, unless it hit an instance
    // that was being killed anyway.
    EXPECT_GE(s.restarts[name].restarts, 4u) << name;
    EXPECT_LE(s.restarts[name].restarts, 4u + c->crashes) << name;
  }
  EXPECT_GT(crashes, 0u);
}
