#include "runtime/shop/order_state.hpp"

#include <gtest/gtest.h>

using namespace actorbus::shop;

namespace {

struct OrderState : ::testing::Test {
  order_state state;
  std::vector<outgoing> log;

  // Handles `ev` and returns the emitted event (or nullopt), logging it.
  std::optional<shop_event> feed(const shop_event& ev, const std::string& id) {
    auto out = state.handle(ev, id);
    if (!out)
      return std::nullopt;
    log.push_back(*out);
    return out->event;
  }

  void create(const std::string& order_id, const std::string& id) {
    auto ev
      = feed(checkout_requested{order_id, "c1", {{"sku-0001", 2, 150}}}, id);
    ASSERT_TRUE(ev);
    ASSERT_TRUE(std::holds_alternative<order_created>(*ev));
  }

  order_status status(const std::string& order_id) {
    return state.find(order_id)->status;
  }
};

} // namespace

TEST_F(OrderState, CheckoutCreatesOrderWithAmount) {
  create("o1", "e1");
  EXPECT_EQ(std::get<order_created>(log[0].event).amount_cents, 300);
  EXPECT_EQ(log[0].topic, "orders");
  EXPECT_EQ(log[0].headers.causation_id, "e1");
  EXPECT_EQ(status("o1"), order_status::created);
}

TEST_F(OrderState, HappyPathEndsConfirmed) {
  create("o1", "e1");
  auto paid = feed(payment_authorized{"o1", "c1", 300}, "e2");
  ASSERT_TRUE(paid && std::holds_alternative<order_paid>(*paid));
  EXPECT_EQ(std::get<order_paid>(*paid).items.size(), 1u);
  EXPECT_EQ(status("o1"), order_status::paid);
  auto done = feed(stock_reserved{"o1", {}, {}}, "e3");
  ASSERT_TRUE(done && std::holds_alternative<order_confirmed>(*done));
  EXPECT_EQ(status("o1"), order_status::confirmed);
  EXPECT_EQ(state.count(order_status::confirmed), 1u);
}

TEST_F(OrderState, DeclineAndOutOfStockCancelWithReason) {
  create("o1", "e1");
  create("o2", "e2");
  auto c1 = feed(payment_declined{"o1", "c1", 300, "card_declined"}, "e3");
  EXPECT_EQ(std::get<order_cancelled>(*c1).reason,
            cancel_reason::payment_declined);
  feed(payment_authorized{"o2", "c1", 300}, "e4");
  auto c2 = feed(out_of_stock{"o2", "sku-0001", 2, 1}, "e5");
  EXPECT_EQ(std::get<order_cancelled>(*c2).reason, cancel_reason::out_of_stock);
  EXPECT_EQ(*state.find("o2")->reason, cancel_reason::out_of_stock);
}

TEST_F(OrderState, EmptyCartIsCancelledAtOnce) {
  auto ev = feed(checkout_requested{"o1", "c1", {}}, "e1");
  EXPECT_EQ(std::get<order_cancelled>(*ev).reason, cancel_reason::empty_cart);
  EXPECT_EQ(status("o1"), order_status::cancelled);
}

TEST_F(OrderState, DuplicatesByIdAndByOrderIdAreIgnored) {
  create("o1", "e1");
  EXPECT_FALSE(feed(checkout_requested{"o1", "c1", {{"x", 1, 1}}}, "e1"));
  EXPECT_FALSE(feed(checkout_requested{"o1", "c1", {{"x", 1, 1}}}, "e9"));
  feed(payment_authorized{"o1", "c1", 300}, "e2");
  EXPECT_FALSE(feed(payment_authorized{"o1", "c1", 300}, "e7"));
  EXPECT_FALSE(feed(payment_declined{"o1", "c1", 300, "x"}, "e8"));
  EXPECT_EQ(state.inbox().redeliveries(), 1u);
  EXPECT_EQ(log.size(), 2u);
}

TEST_F(OrderState, TerminalOrdersIgnoreLateEvents) {
  create("o1", "e1");
  feed(payment_declined{"o1", "c1", 300, "x"}, "e2");
  EXPECT_FALSE(feed(payment_authorized{"o1", "c1", 300}, "e3"));
  EXPECT_FALSE(feed(stock_reserved{"o1", {}, {}}, "e4"));
  EXPECT_EQ(status("o1"), order_status::cancelled);
}

TEST_F(OrderState, StockNewsForAnUnpaidOrderIsIgnored) {
  create("o1", "e1");
  EXPECT_FALSE(feed(stock_reserved{"o1", {}, {}}, "e2"));
  EXPECT_EQ(status("o1"), order_status::created);
}

TEST_F(OrderState, RebuildFromOwnEventsEqualsLiveState) {
  create("o1", "e1");
  create("o2", "e2");
  feed(payment_authorized{"o1", "c1", 300}, "e3");
  feed(payment_declined{"o2", "c1", 300, "x"}, "e4");
  feed(checkout_requested{"o3", "c1", {}}, "e5");
  order_state copy;
  // Orders (partitions) in another order, each order's events in order.
  for (auto order_id : {"o3", "o2", "o1"})
    for (const auto& x : log)
      if (order_id_of(x.event) == order_id)
        copy.apply_own(x.event, x.headers.causation_id);
  EXPECT_EQ(copy, state);
  EXPECT_FALSE(copy.handle(payment_authorized{"o1", "c1", 300}, "e3"));
  EXPECT_TRUE(copy.handle(stock_reserved{"o1", {}, {}}, "e6"));
}
