#include "runtime/shop/payment_state.hpp"

#include <gtest/gtest.h>

using namespace actorbus::shop;
using std::chrono::microseconds;

namespace {

order_created created(const std::string& id) {
  return {id, "c1", {{"sku-0001", 1, 500}}, 500};
}

} // namespace

TEST(PaymentGateway, DecisionsAreAPureFunctionOfSeedAndOrder) {
  payment_gateway a{7, 0.5, microseconds{1000}};
  payment_gateway b{7, 0.5, microseconds{1000}};
  payment_gateway other_seed{8, 0.5, microseconds{1000}};
  int approved = 0;
  int differ = 0;
  for (int i = 0; i < 1000; ++i) {
    auto id = "o" + std::to_string(i);
    auto x = a.charge(id, 100);
    auto y = b.charge(id, 100);
    EXPECT_EQ(x.approved, y.approved);
    EXPECT_EQ(x.latency, y.latency);
    EXPECT_GE(x.latency, microseconds{500});
    EXPECT_LE(x.latency, microseconds{1500});
    approved += x.approved;
    differ += x.approved != other_seed.charge(id, 100).approved;
  }
  EXPECT_NEAR(approved, 500, 80);
  EXPECT_GT(differ, 300);
}

TEST(PaymentGateway, RatesZeroAndOneAreExact) {
  payment_gateway never{1, 0.0, microseconds{0}};
  payment_gateway always{1, 1.0, microseconds{0}};
  for (int i = 0; i < 200; ++i) {
    auto id = "o" + std::to_string(i);
    EXPECT_TRUE(never.charge(id, 1).approved);
    auto no = always.charge(id, 1);
    EXPECT_FALSE(no.approved);
    EXPECT_FALSE(no.decline_reason.empty());
  }
}

TEST(PaymentState, ChargesOnceAndCarriesGatewayLatency) {
  payment_state state{payment_gateway{1, 0.0, microseconds{2000}}};
  auto out = state.handle(created("o1"), "e1");
  ASSERT_TRUE(out);
  EXPECT_TRUE(std::holds_alternative<payment_authorized>(out->event));
  EXPECT_GE(out->delay, microseconds{1000});
  EXPECT_FALSE(state.handle(created("o1"), "e1")); // redelivery
  EXPECT_FALSE(state.handle(created("o1"), "e2")); // same order, other id
  EXPECT_EQ(state.find("o1")->authorizations, 1u);
  EXPECT_EQ(state.inbox().redeliveries(), 1u);
}

TEST(PaymentState, DeclineWhenTheGatewaySaysSo) {
  payment_state state{payment_gateway{1, 1.0, microseconds{0}}};
  auto out = state.handle(created("o1"), "e1");
  ASSERT_TRUE(std::holds_alternative<payment_declined>(out->event));
  EXPECT_EQ(state.find("o1")->declines, 1u);
  // A declined order is cancelled later: nothing to refund.
  EXPECT_FALSE(state.handle(
    order_cancelled{"o1", "c1", cancel_reason::payment_declined}, "e2"));
}

TEST(PaymentState, RefundsACancelledChargeExactlyOnce) {
  payment_state state{payment_gateway{1, 0.0, microseconds{0}}};
  state.handle(created("o1"), "e1");
  order_cancelled cancel{"o1", "c1", cancel_reason::out_of_stock};
  auto out = state.handle(cancel, "e2");
  ASSERT_TRUE(out);
  EXPECT_EQ(std::get<payment_refunded>(out->event).amount_cents, 500);
  EXPECT_FALSE(state.handle(cancel, "e2"));
  EXPECT_FALSE(state.handle(cancel, "e3"));
  EXPECT_FALSE(
    state.handle(order_cancelled{"o9", "c1", cancel_reason::empty_cart}, "e4"));
  EXPECT_EQ(state.find("o1")->refunds, 1u);
}

TEST(PaymentState, RebuildRepeatsTheSameDecisions) {
  payment_gateway gw{3, 0.3, microseconds{0}};
  payment_state state{gw};
  std::vector<outgoing> log;
  for (int i = 0; i < 50; ++i) {
    auto id = "o" + std::to_string(i);
    if (auto out = state.handle(created(id), "c" + id))
      log.push_back(*out);
    if (i % 3 == 0)
      if (auto out = state.handle(
            order_cancelled{id, "c1", cancel_reason::out_of_stock}, "x" + id))
        log.push_back(*out);
  }
  payment_state copy{gw};
  for (const auto& x : log)
    copy.apply_own(x.event, x.headers.causation_id);
  EXPECT_EQ(copy, state);
  // After the restart, a fresh instance decides a lost charge identically.
  payment_state fresh{gw};
  for (int i = 0; i < 50; ++i) {
    auto id = "o" + std::to_string(i);
    auto out = fresh.handle(created(id), "c" + id);
    EXPECT_EQ(std::holds_alternative<payment_authorized>(out->event),
              state.find(id)->authorizations == 1);
  }
}

TEST(PaymentState, ApplyOwnCountsDuplicatesInTheLog) {
  payment_state state{payment_gateway{1, 0.0, microseconds{0}}};
  state.apply_own(payment_authorized{"o1", "c1", 5}, "e1");
  state.apply_own(payment_authorized{"o1", "c1", 5}, "e9");
  EXPECT_EQ(state.find("o1")->authorizations, 2u);
}
