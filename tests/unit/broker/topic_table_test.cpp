#include <gtest/gtest.h>

#include "actors/broker/topic_table.hpp"
#include "actors/shop/shop_services.hpp"
#include "runtime/errc.hpp"

using namespace actorbus;
using namespace actorbus::broker;

TEST(TopicTable, AutoCreatesWithDefaults) {
  broker_options opts;
  opts.default_partitions = 3;
  opts.durability = "always";
  topic_table t{opts};
  auto x = t.find_or_create("orders");
  ASSERT_TRUE(x);
  EXPECT_TRUE(t.created_last());
  EXPECT_EQ((*x)->partitions, 3);
  EXPECT_EQ((*x)->durability, log::durability::always);
  ASSERT_TRUE(t.find_or_create("orders"));
  EXPECT_FALSE(t.created_last());
}

TEST(TopicTable, UnknownTopicWhenAutoCreateIsOff) {
  broker_options opts;
  opts.auto_create_topics = false;
  topic_config declared;
  declared.name = "payments";
  declared.partitions = 2;
  topic_table t{opts, {declared}};
  auto x = t.find_or_create("orders");
  ASSERT_FALSE(x);
  EXPECT_TRUE(has_code(x.error(), errc::unknown_topic));
  ASSERT_TRUE(t.find_or_create("payments"));
  // Dead-letter topics of known topics always exist, like their origin.
  auto dlq = t.find_or_create("payments.dlq");
  ASSERT_TRUE(dlq);
  EXPECT_EQ((*dlq)->partitions, 2);
  EXPECT_FALSE(t.find_or_create("orders.dlq"));
  EXPECT_EQ(dlq_origin("payments.dlq"), "payments");
  EXPECT_EQ(dlq_origin("payments"), "");
}

TEST(TopicTable, TopicSectionsOverrideDefaultsAndDeclareTheirTopic) {
  broker_options opts;
  opts.auto_create_topics = false;
  opts.default_partitions = 4;
  opts.durability = "interval";
  topic_options payments;
  payments.name = "payments";
  payments.partitions = 8;
  payments.durability = "always";
  payments.retention_age = std::chrono::hours{24};
  payments.cache_bytes = 0;
  opts.topics.push_back(payments);
  topic_table t{opts};
  auto x = t.find_or_create("payments");
  ASSERT_TRUE(x) << "a [topics.x] section declares x without auto-create";
  EXPECT_FALSE(t.created_last());
  EXPECT_EQ((*x)->partitions, 8);
  EXPECT_EQ((*x)->durability, log::durability::always);
  EXPECT_EQ((*x)->retention_age, std::chrono::hours{24});
  EXPECT_EQ((*x)->cache_bytes, 0u);
  auto dlq = t.find_or_create("payments.dlq");
  ASSERT_TRUE(dlq);
  EXPECT_EQ((*dlq)->partitions, 8);
  EXPECT_FALSE(t.find_or_create("orders"));
}

TEST(TopicTable, AdoptedTopicKeepsThePartitionCountOfItsLog) {
  broker_options opts;
  opts.default_partitions = 6;
  topic_options orders;
  orders.name = "orders";
  orders.partitions = 12;
  orders.durability = "always";
  opts.topics.push_back(orders);
  topic_table t{opts};
  // Created on first use by an earlier run with 4 partitions.
  EXPECT_EQ(t.adopt("carts", 4), std::optional<int32_t>{6});
  EXPECT_EQ(t.find("carts")->partitions, 4);
  // Declared with 12 now, stored with 3: the log wins, the caller is told.
  EXPECT_EQ(t.adopt("orders", 3), std::optional<int32_t>{12});
  EXPECT_EQ(t.find("orders")->partitions, 3);
  EXPECT_EQ(t.find("orders")->durability, log::durability::always);
  EXPECT_EQ(t.adopt("same", 6), std::nullopt);
  auto x = t.find_or_create("carts");
  ASSERT_TRUE(x);
  EXPECT_FALSE(t.created_last());
}

TEST(TopicTable, ShopTopicsTakeTheirSections) {
  broker_options opts;
  opts.default_partitions = 4;
  opts.durability = "interval";
  topic_options payments;
  payments.name = "payments";
  payments.partitions = 8;
  payments.durability = "always";
  opts.topics.push_back(payments);
  auto topics = shop::shop_topics(opts);
  ASSERT_TRUE(topics);
  int seen = 0;
  for (auto& t : *topics) {
    if (t.name == "payments") {
      ++seen;
      EXPECT_EQ(t.partitions, 8);
      EXPECT_EQ(t.durability, log::durability::always);
    } else {
      EXPECT_EQ(t.partitions, 4) << t.name;
      EXPECT_EQ(t.durability, log::durability::interval) << t.name;
    }
  }
  EXPECT_EQ(seen, 1);
}
