#include "runtime/shop/cart_state.hpp"

#include <gtest/gtest.h>

using namespace actorbus::shop;

namespace {

struct CartState : ::testing::Test {
  catalogue cat{5, 10};
  cart_state state{cat};

  checkout_requested checkout(const std::string& id) {
    auto out = state.handle(check_out{"o1", "c1"}, id);
    EXPECT_TRUE(out);
    return std::get<checkout_requested>(out->event);
  }
};

} // namespace

TEST_F(CartState, AddMergesLinesAndCheckoutListsThem) {
  ASSERT_TRUE(state.handle(add_to_cart{"o1", "c1", "sku-0001", 2}, "e1"));
  ASSERT_TRUE(state.handle(add_to_cart{"o1", "c1", "sku-0001", 1}, "e2"));
  ASSERT_TRUE(state.handle(add_to_cart{"o1", "c1", "sku-0002", 1}, "e3"));
  auto ev = checkout("e4");
  ASSERT_EQ(ev.items.size(), 2u);
  EXPECT_EQ(ev.items[0].qty, 3);
  EXPECT_EQ(ev.items[0].unit_price_cents, *cat.price_of("sku-0001"));
  EXPECT_TRUE(state.find("o1")->checked_out);
  EXPECT_EQ(state.checkouts(), 1u);
}

TEST_F(CartState, RedeliveredCommandIsRecognised) {
  ASSERT_TRUE(state.handle(add_to_cart{"o1", "c1", "sku-0001", 2}, "e1"));
  EXPECT_FALSE(state.handle(add_to_cart{"o1", "c1", "sku-0001", 2}, "e1"));
  EXPECT_EQ(state.find("o1")->lines.at("sku-0001").qty, 2);
  EXPECT_EQ(state.inbox().redeliveries(), 1u);
}

TEST_F(CartState, RemovingAnAbsentSkuIsRecordedAsZero) {
  auto out = state.handle(remove_from_cart{"o1", "c1", "sku-0003", 2}, "e1");
  ASSERT_TRUE(out);
  EXPECT_EQ(std::get<cart_item_removed>(out->event).qty, 0);
  ASSERT_TRUE(state.handle(add_to_cart{"o1", "c1", "sku-0003", 1}, "e2"));
  // The old removal, redelivered after the add, must not take the item.
  EXPECT_FALSE(state.handle(remove_from_cart{"o1", "c1", "sku-0003", 2}, "e1"));
  EXPECT_EQ(checkout("e3").items.size(), 1u);
}

TEST_F(CartState, RemoveTakesAtMostWhatIsThere) {
  ASSERT_TRUE(state.handle(add_to_cart{"o1", "c1", "sku-0001", 2}, "e1"));
  auto out = state.handle(remove_from_cart{"o1", "c1", "sku-0001", 5}, "e2");
  EXPECT_EQ(std::get<cart_item_removed>(out->event).qty, 2);
  EXPECT_TRUE(checkout("e3").items.empty());
}

TEST_F(CartState, CommandsAfterCheckoutAndBadCommandsAreIgnored) {
  EXPECT_FALSE(state.handle(add_to_cart{"o1", "c1", "nope", 1}, "e1"));
  EXPECT_FALSE(state.handle(add_to_cart{"o1", "c1", "sku-0001", 0}, "e2"));
  checkout("e3");
  EXPECT_FALSE(state.handle(add_to_cart{"o1", "c1", "sku-0001", 1}, "e4"));
  EXPECT_FALSE(state.handle(check_out{"o1", "c1"}, "e5"));
  EXPECT_EQ(state.checkouts(), 1u);
}

TEST_F(CartState, RebuildFromOwnEventsEqualsLiveState) {
  std::vector<outgoing> log;
  auto keep = [&](std::optional<outgoing> x) {
    if (x)
      log.push_back(*x);
  };
  keep(state.handle(add_to_cart{"o1", "c1", "sku-0001", 2}, "e1"));
  keep(state.handle(add_to_cart{"o2", "c2", "sku-0002", 1}, "e2"));
  keep(state.handle(remove_from_cart{"o1", "c1", "sku-0001", 1}, "e3"));
  keep(state.handle(check_out{"o1", "c1"}, "e4"));
  cart_state copy{cat};
  for (const auto& x : log)
    copy.apply_own(x.event, x.headers.causation_id);
  EXPECT_EQ(copy, state);
  EXPECT_TRUE(copy.inbox().contains("e3"));
  EXPECT_FALSE(copy.handle(check_out{"o1", "c1"}, "e4"));
}

TEST_F(CartState, RepublishedCommandIsIgnoredByStepAlsoAfterRebuild) {
  std::vector<outgoing> log;
  auto keep = [&](std::optional<outgoing> x) {
    if (x)
      log.push_back(*x);
    return x.has_value();
  };
  add_to_cart first{"o1", "c1", "sku-0001", 2, 1};
  ASSERT_TRUE(keep(state.handle(first, "e1")));
  EXPECT_FALSE(keep(state.handle(first, "e2"))); // same step, new event id
  ASSERT_TRUE(
    keep(state.handle(add_to_cart{"o1", "c1", "sku-0002", 1, 2}, "e3")));
  cart_state copy{cat};
  for (const auto& x : log)
    copy.apply_own(x.event, x.headers.causation_id);
  EXPECT_EQ(copy, state);
  EXPECT_EQ(copy.find("o1")->last_step, 2u);
  EXPECT_FALSE(copy.handle(first, "e7"));
  EXPECT_FALSE(
    copy.handle(remove_from_cart{"o1", "c1", "sku-0001", 2, 2}, "e4"));
  auto out = copy.handle(check_out{"o1", "c1", 3}, "e5");
  ASSERT_TRUE(out);
  auto items = std::get<checkout_requested>(out->event).items;
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].qty, 2);
  EXPECT_FALSE(copy.handle(check_out{"o1", "c1", 3}, "e6"));
}
