#include <gtest/gtest.h>

#include "runtime/events/type_filter.hpp"

using actorbus::events::type_filter;

TEST(TypeFilter, EmptyAcceptsEveryType) {
  type_filter all;
  EXPECT_TRUE(all.accepts_all());
  EXPECT_TRUE(all.accepts("shop.order_created"));
  EXPECT_TRUE(all.accepts(""));
  EXPECT_EQ(all.describe(), "all types");
}

TEST(TypeFilter, AcceptsOnlyTheNamedTypes) {
  type_filter f{{"shop.order_paid", "shop.order_cancelled"}};
  EXPECT_FALSE(f.accepts_all());
  EXPECT_TRUE(f.accepts("shop.order_paid"));
  EXPECT_TRUE(f.accepts("shop.order_cancelled"));
  EXPECT_FALSE(f.accepts("shop.order_created"));
  EXPECT_FALSE(f.accepts("shop.order_paid2"));
  EXPECT_FALSE(f.accepts(""));
}

TEST(TypeFilter, OrderAndDuplicatesDoNotMatter) {
  type_filter a{{"b", "a", "b"}};
  type_filter b{{"a", "b"}};
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.describe(), "a,b");
  EXPECT_NE(a, type_filter{{"a"}});
  EXPECT_NE(a, type_filter{});
}
