// The whole saga on the in-memory bus (shop_bus.hpp): five service states
// routed through partitioned topics with shuffled delivery, duplicates, kills
// and crashes; the invariants must hold and every state rebuilt from the logs
// must equal the live one.

#include <gtest/gtest.h>

#include "shop_bus.hpp"

using namespace actorbus::shop;
using namespace actorbus::shop::testing;

namespace {

sim_params small_shop(uint64_t seed) {
  sim_params p;
  p.customers = 12;
  p.orders_per_customer = 15;
  p.catalogue_size = 8;
  p.initial_stock = 60; // runs out part-way: exercises out_of_stock + refund
  p.decline_rate = 0.1;
  p.remove_rate = 0.2;
  p.seed = seed;
  return p;
}

void expect_invariants(const shop_bus& bus, uint64_t seed) {
  for (const auto& r : check_invariants(bus.view()))
    EXPECT_TRUE(r.passed) << "seed " << seed << ": " << r.name << ": "
                          << r.detail;
}

void expect_rebuild_equals_live(const shop_bus& bus, uint64_t seed) {
  auto re = bus.rebuild_all();
  EXPECT_TRUE(re->carts == bus.carts()) << "seed " << seed;
  EXPECT_TRUE(re->orders == bus.orders()) << "seed " << seed;
  EXPECT_TRUE(re->payments == bus.payments()) << "seed " << seed;
  EXPECT_TRUE(re->inventory == bus.inventory()) << "seed " << seed;
  EXPECT_TRUE(re->notifications == bus.notifications()) << "seed " << seed;
}

uint64_t count(const order_state& orders, order_status s) {
  return orders.count(s);
}

// Runs one configuration over several seeds; returns the last bus' numbers.
void run_seeds(const sim_params& base, bus_options opts,
               const std::function<void(const shop_bus&)>& extra = {}) {
  for (uint64_t seed : {1, 2, 3, 17, 4242}) {
    auto params = base;
    params.seed = seed;
    opts.seed = seed * 7919;
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::cout << "[ shop_bus ] seed=" << seed << " bus-seed=" << opts.seed
              << '\n';
    shop_bus bus{params, opts};
    ASSERT_TRUE(bus.run());
    expect_invariants(bus, seed);
    expect_rebuild_equals_live(bus, seed);
    EXPECT_EQ(bus.duplicate_outputs(), 0u);
    if (extra)
      extra(bus);
  }
}

} // namespace

TEST(ShopSaga, CleanRunReachesEveryOutcome) {
  run_seeds(small_shop(0), bus_options{}, [](const shop_bus& bus) {
    const auto& orders = bus.orders();
    EXPECT_EQ(orders.orders().size(), 180u);
    EXPECT_GT(count(orders, order_status::confirmed), 0u);
    uint64_t declined = 0;
    uint64_t out_of_stock = 0;
    for (const auto& [id, o] : orders.orders()) {
      declined += o.reason == cancel_reason::payment_declined;
      out_of_stock += o.reason == cancel_reason::out_of_stock;
    }
    EXPECT_GT(declined, 0u);
    EXPECT_GT(out_of_stock, 0u); // and so refunds happened
    EXPECT_EQ(bus.inbox_hits(), 0u);
  });
}

TEST(ShopSaga, FullDeclineCancelsEverythingAndChargesNothing) {
  auto p = small_shop(0);
  p.decline_rate = 1.0;
  run_seeds(p, bus_options{}, [](const shop_bus& bus) {
    EXPECT_EQ(count(bus.orders(), order_status::cancelled), 180u);
    for (const auto& [id, pay] : bus.payments().payments())
      EXPECT_EQ(pay.authorizations, 0u) << id;
    EXPECT_TRUE(bus.topic("inventory")[0].empty());
  });
}

TEST(ShopSaga, ZeroStockRefundsEveryCharge) {
  auto p = small_shop(0);
  p.initial_stock = 0;
  run_seeds(p, bus_options{}, [](const shop_bus& bus) {
    EXPECT_EQ(count(bus.orders(), order_status::confirmed), 0u);
    uint64_t charged = 0;
    for (const auto& [id, pay] : bus.payments().payments()) {
      charged += pay.authorizations;
      EXPECT_EQ(pay.refunds, pay.authorizations) << id;
    }
    EXPECT_GT(charged, 0u);
  });
}

TEST(ShopSaga, EveryEventDuplicatedIsAppliedOnce) {
  bus_options opts;
  opts.duplicate_rate = 1.0;
  run_seeds(small_shop(0), opts, [](const shop_bus& bus) {
    EXPECT_GE(bus.duplicates_delivered(), bus.deliveries());
    EXPECT_GT(bus.inbox_hits(), 0u);
  });
}

TEST(ShopSaga, RepublishedCommandsAreAppliedOnceByOrderIdAndStep) {
  bus_options opts;
  opts.republish_rate = 0.5;
  opts.duplicate_rate = 0.1;
  run_seeds(small_shop(0), opts, [](const shop_bus& bus) {
    uint64_t commands = 0;
    for (const auto& part : bus.topic("cart-commands"))
      commands += part.size();
    uint64_t cart_events = 0;
    for (const auto& part : bus.topic("carts"))
      cart_events += part.size();
    EXPECT_GT(commands, cart_events + 100); // many republished commands ...
    EXPECT_EQ(bus.orders().orders().size(), 180u); // ... and no extra effect
  });
}

TEST(ShopSaga, RandomKillsAndCrashesLoseNothing) {
  bus_options opts;
  opts.kill_rate = 0.01;
  opts.crash_rate = 0.01;
  opts.duplicate_rate = 0.2;
  opts.republish_rate = 0.1;
  opts.commit_rate = 0.3;
  run_seeds(small_shop(0), opts, [](const shop_bus& bus) {
    uint64_t kills = 0;
    for (auto s : all_services)
      kills += bus.kills(s);
    EXPECT_GT(kills, 10u);
    EXPECT_GT(bus.inbox_hits(), 0u); // redeliveries after kills were caught
  });
}

TEST(ShopSaga, EachServiceRebuiltMidRun) {
  for (auto victim : all_services) {
    for (uint64_t at : {50, 400, 900}) {
      bus_options opts;
      opts.seed = at;
      opts.victim = victim;
      opts.scripted_kill_at = at;
      opts.commit_rate = 0.2;
      auto params = small_shop(at);
      SCOPED_TRACE(std::string{name_of(victim)} + " at " + std::to_string(at));
      shop_bus bus{params, opts};
      ASSERT_TRUE(bus.run());
      EXPECT_EQ(bus.kills(victim), 1u);
      expect_invariants(bus, at);
      expect_rebuild_equals_live(bus, at);
    }
  }
}

TEST(ShopSaga, KillWithNothingInFlightRebuildsTheSameState) {
  bus_options opts;
  opts.commit_rate = 1.0;
  shop_bus bus{small_shop(9), opts};
  ASSERT_TRUE(bus.run());
  auto before = bus.rebuild_all();
  for (auto s : all_services)
    bus.kill(s);
  EXPECT_TRUE(before->orders == bus.orders());
  EXPECT_TRUE(before->payments == bus.payments());
  EXPECT_TRUE(before->inventory == bus.inventory());
  ASSERT_TRUE(bus.run()); // nothing left to redeliver
  expect_invariants(bus, 9);
}

TEST(ShopSaga, ManyPartitionsAndLargerShop) {
  auto p = small_shop(0);
  p.customers = 40;
  p.orders_per_customer = 25;
  p.catalogue_size = 20;
  p.initial_stock = 300;
  bus_options opts;
  opts.partitions = 8;
  opts.kill_rate = 0.002;
  opts.crash_rate = 0.002;
  opts.duplicate_rate = 0.05;
  run_seeds(p, opts, [](const shop_bus& bus) {
    EXPECT_EQ(bus.orders().orders().size(), 1000u);
  });
}
