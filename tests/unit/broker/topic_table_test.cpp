#include <gtest/gtest.h>

#include "actors/broker/topic_table.hpp"
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
