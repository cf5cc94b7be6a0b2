#include "runtime/shop/inventory_state.hpp"

#include <gtest/gtest.h>

using namespace actorbus::shop;

namespace {

struct InventoryState : ::testing::Test {
  catalogue cat{3, 5}; // sku-0000..sku-0002, 5 units each
  inventory_state state{cat};

  std::optional<shop_event> pay(const std::string& order_id,
                                std::vector<line_item> items,
                                const std::string& id) {
    auto out = state.handle(order_paid{order_id, "c1", std::move(items)}, id);
    return out ? std::optional<shop_event>{out->event} : std::nullopt;
  }

  int64_t available(const std::string& sku) {
    return state.stocks().at(sku).available;
  }
};

} // namespace

TEST_F(InventoryState, ReservesAllLinesAndRecordsRemaining) {
  auto ev = pay("o1", {{"sku-0000", 2, 1}, {"sku-0001", 5, 1}}, "e1");
  ASSERT_TRUE(ev && std::holds_alternative<stock_reserved>(*ev));
  EXPECT_EQ(std::get<stock_reserved>(*ev).remaining,
            (std::vector<int64_t>{3, 0}));
  EXPECT_EQ(available("sku-0000"), 3);
  EXPECT_EQ(available("sku-0001"), 0);
  EXPECT_EQ(state.sold().at("sku-0001"), 5);
}

TEST_F(InventoryState, OutOfStockReservesNothing) {
  auto ev = pay("o1", {{"sku-0000", 2, 1}, {"sku-0001", 6, 1}}, "e1");
  ASSERT_TRUE(ev && std::holds_alternative<out_of_stock>(*ev));
  auto oos = std::get<out_of_stock>(*ev);
  EXPECT_EQ(oos.sku, "sku-0001");
  EXPECT_EQ(oos.available, 5);
  EXPECT_EQ(available("sku-0000"), 5);
  EXPECT_TRUE(std::holds_alternative<out_of_stock>(
    *pay("o2", {{"unknown", 1, 1}}, "e2")));
}

TEST_F(InventoryState, TwoLinesOfOneSkuMustFitTogether) {
  auto ev = pay("o1", {{"sku-0000", 3, 1}, {"sku-0000", 3, 1}}, "e1");
  EXPECT_TRUE(std::holds_alternative<out_of_stock>(*ev));
  EXPECT_EQ(available("sku-0000"), 5);
}

TEST_F(InventoryState, StockNeverGoesNegative) {
  int reserved = 0;
  for (int i = 0; i < 20; ++i) {
    auto ev = pay("o" + std::to_string(i), {{"sku-0002", 2, 1}},
                  "e" + std::to_string(i));
    reserved += std::holds_alternative<stock_reserved>(*ev);
  }
  EXPECT_EQ(reserved, 2);
  EXPECT_EQ(available("sku-0002"), 1);
  EXPECT_GE(state.stocks().at("sku-0002").lowest_available, 0);
}

TEST_F(InventoryState, CancelReleasesOnceAndOnlyReservations) {
  pay("o1", {{"sku-0000", 4, 1}}, "e1");
  pay("o2", {{"sku-0000", 4, 1}}, "e2"); // out of stock
  order_cancelled c1{"o1", "c1", cancel_reason::out_of_stock};
  auto out = state.handle(c1, "e3");
  ASSERT_TRUE(out && std::holds_alternative<stock_released>(out->event));
  EXPECT_EQ(available("sku-0000"), 5);
  EXPECT_FALSE(state.handle(c1, "e3"));
  EXPECT_FALSE(state.handle(c1, "e4"));
  EXPECT_FALSE(state.handle(
    order_cancelled{"o2", "c1", cancel_reason::out_of_stock}, "e5"));
  EXPECT_EQ(available("sku-0000"), 5);
  EXPECT_EQ(state.sold().at("sku-0000"), 0);
}

TEST_F(InventoryState, RedeliveredPaymentDoesNotReserveTwice) {
  pay("o1", {{"sku-0000", 1, 1}}, "e1");
  EXPECT_FALSE(pay("o1", {{"sku-0000", 1, 1}}, "e1"));
  EXPECT_FALSE(pay("o1", {{"sku-0000", 1, 1}}, "e2"));
  EXPECT_EQ(available("sku-0000"), 4);
}

TEST_F(InventoryState, RebuildInAnyPartitionOrderEqualsLiveState) {
  std::vector<outgoing> log;
  auto keep = [&](std::optional<outgoing> x) {
    if (x)
      log.push_back(*x);
  };
  keep(state.handle(order_paid{"o1", "c", {{"sku-0000", 5, 1}}}, "e1"));
  keep(state.handle(order_cancelled{"o1", "c", cancel_reason::out_of_stock},
                    "e2"));
  keep(state.handle(order_paid{"o2", "c", {{"sku-0000", 5, 1}}}, "e3"));
  keep(state.handle(order_paid{"o3", "c", {{"sku-0000", 1, 1}}}, "e4"));
  ASSERT_EQ(log.size(), 4u);
  // Replay o2 first, then o1's partition: the summed level dips below zero,
  // the recorded lowest level must not.
  inventory_state copy{cat};
  for (auto i : {2, 3, 0, 1})
    copy.apply_own(log[i].event, log[i].headers.causation_id);
  EXPECT_EQ(copy, state);
  EXPECT_EQ(copy.stocks().at("sku-0000").lowest_available, 0);
}
