#include <gtest/gtest.h>

#include "actors/cluster/membership.hpp"
#include "runtime/errc.hpp"

using namespace actorbus;
using actorbus::cluster::membership;

TEST(Membership, SecondNodeWithATakenNameIsRefused) {
  membership m;
  EXPECT_FALSE(m.join("orders", "node-A", {"order"}));
  auto err = m.join("orders", "node-B", {"order"});
  EXPECT_TRUE(has_code(err, errc::duplicate_node));
  EXPECT_EQ(m.members().at("orders").node_key, "node-A");
}

TEST(Membership, SameNodeMayGreetAgain) {
  membership m;
  EXPECT_FALSE(m.join("orders", "node-A", {}));
  EXPECT_FALSE(m.join("orders", "node-A", {"order"}));
  EXPECT_EQ(m.members().size(), 1u);
}

TEST(Membership, NameIsFreeAfterTheNodeLeft) {
  membership m;
  EXPECT_FALSE(m.join("orders", "node-A", {}));
  EXPECT_FALSE(m.join("fulfilment", "node-C", {}));
  EXPECT_EQ(m.leave("node-A"), std::vector<std::string>{"orders"});
  EXPECT_FALSE(m.join("orders", "node-B", {}));
  EXPECT_EQ(m.members().size(), 2u);
}
