#include "runtime/shop/invariants.hpp"

#include <gtest/gtest.h>

using namespace actorbus::shop;

namespace {

// A healthy history of three orders, written as the services' own events:
// o1 confirmed, o2 declined, o3 out of stock and refunded.
struct Invariants : ::testing::Test {
  catalogue cat{2, 10};
  order_state orders;
  payment_state payments{payment_gateway{1, 0.0, std::chrono::microseconds{0}}};
  inventory_state inventory{cat};
  notification_state notifications;
  std::map<std::string, topic_count> topics{{"orders", {9, 9}}};
  std::vector<line_item> items{{"sku-0000", 3, 100}};

  Invariants() {
    for (auto id : {"o1", "o2", "o3"})
      orders.apply_own(order_created{id, "c", items, 300}, "");
    orders.apply_own(order_paid{"o1", "c", items}, "");
    orders.apply_own(order_confirmed{"o1", "c", 300}, "");
    orders.apply_own(
      order_cancelled{"o2", "c", cancel_reason::payment_declined}, "");
    orders.apply_own(order_paid{"o3", "c", items}, "");
    orders.apply_own(order_cancelled{"o3", "c", cancel_reason::out_of_stock},
                     "");
    payments.apply_own(payment_authorized{"o1", "c", 300}, "");
    payments.apply_own(payment_declined{"o2", "c", 300, "x"}, "");
    payments.apply_own(payment_authorized{"o3", "c", 300}, "");
    payments.apply_own(payment_refunded{"o3", "c", 300}, "");
    inventory.apply_own(stock_reserved{"o1", items, {7}}, "");
    inventory.apply_own(out_of_stock{"o3", "sku-0000", 3, 0}, "");
    notify("o1", notice_kind::confirmation);
    notify("o2", notice_kind::cancellation);
    notify("o3", notice_kind::cancellation);
  }

  void notify(const std::string& id, notice_kind kind) {
    notifications.apply_own(notification_sent{id, "c", kind, ""}, "");
  }

  std::vector<invariant_result> check(uint64_t placed = 3) {
    return check_invariants(
      {orders, payments, inventory, notifications, placed, topics});
  }

  // Expects exactly invariant `index` to fail.
  void expect_only_failure(size_t index) {
    auto results = check();
    ASSERT_EQ(results.size(), 6u);
    for (size_t i = 0; i < results.size(); ++i)
      EXPECT_EQ(results[i].passed, i != index)
        << results[i].name << ": " << results[i].detail;
    EXPECT_FALSE(all_passed(results));
  }
};

} // namespace

TEST_F(Invariants, HealthyHistoryPasses) {
  auto results = check();
  for (const auto& r : results)
    EXPECT_TRUE(r.passed) << r.name << ": " << r.detail;
  EXPECT_TRUE(all_passed(results));
  EXPECT_EQ(results[0].detail, "3 of 3 orders terminal");
}

TEST_F(Invariants, OpenOrderOrMissingOrderFailsTerminal) {
  orders.apply_own(order_created{"o4", "c", {}, 0}, "");
  notify("o4", notice_kind::cancellation); // keep the others quiet
  auto results = check(4);
  EXPECT_FALSE(results[0].passed);
  EXPECT_NE(results[0].detail.find("o4 is created"), std::string::npos);
  EXPECT_FALSE(check(5)[0].passed);
}

TEST_F(Invariants, DoubleChargeFails) {
  payments.apply_own(payment_authorized{"o1", "c", 300}, "");
  expect_only_failure(1);
}

TEST_F(Invariants, MissingOrDoubleOrWrongRefundFails) {
  payments.apply_own(payment_refunded{"o3", "c", 300}, "");
  expect_only_failure(2);
}

TEST_F(Invariants, RefundOfAConfirmedOrderFails) {
  payments.apply_own(payment_refunded{"o1", "c", 300}, "");
  expect_only_failure(2);
}

TEST_F(Invariants, DoubleReservationBreaksTheStockEquation) {
  inventory.apply_own(stock_reserved{"o1", items, {4}}, "");
  expect_only_failure(3);
}

TEST_F(Invariants, NegativeStockFails) {
  inventory.apply_own(stock_reserved{"o1", items, {-2}}, "");
  auto results = check();
  EXPECT_FALSE(results[3].passed);
  EXPECT_NE(results[3].detail.find("went down to -2"), std::string::npos)
    << results[3].detail;
}

TEST_F(Invariants, SoldMustMatchConfirmedOrders) {
  inventory.apply_own(stock_reserved{"o3", items, {4}}, ""); // never confirmed
  expect_only_failure(3);
}

TEST_F(Invariants, SecondNoticeOrWrongKindFails) {
  notify("o1", notice_kind::confirmation);
  expect_only_failure(4);
}

TEST_F(Invariants, WrongNoticeKindFails) {
  notification_state other;
  other.apply_own(notification_sent{"o1", "c", notice_kind::cancellation, ""},
                  "");
  other.apply_own(notification_sent{"o2", "c", notice_kind::cancellation, ""},
                  "");
  other.apply_own(notification_sent{"o3", "c", notice_kind::cancellation, ""},
                  "");
  auto results
    = check_invariants({orders, payments, inventory, other, 3, topics});
  EXPECT_FALSE(results[4].passed);
}

TEST_F(Invariants, LostEventFails) {
  topics["payments"] = {5, 4};
  expect_only_failure(5);
  topics.clear();
  EXPECT_FALSE(check()[5].passed);
}
