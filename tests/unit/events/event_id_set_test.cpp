#include <gtest/gtest.h>

#include "runtime/events/envelope.hpp"
#include "runtime/events/event_id_set.hpp"

using namespace actorbus::events;

TEST(EventIdSet, IdTextRoundTripsThroughParse) {
  for (int i = 0; i < 100; ++i) {
    auto id = make_event_id();
    auto text = id_text(id);
    ASSERT_EQ(text.size(), 32u);
    EXPECT_EQ(text.find('-'), std::string::npos);
    auto back = parse_id_text(text);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, id);
  }
  EXPECT_FALSE(parse_id_text(""));
  EXPECT_FALSE(parse_id_text("0123"));
  EXPECT_FALSE(parse_id_text(std::string(32, 'g')));
  EXPECT_FALSE(parse_id_text(std::string(31, '0') + "A")) << "lowercase only";
}

TEST(EventIdSet, TextAndBinaryFormsAreTheSameMember) {
  event_id_set set;
  auto id = make_event_id();
  EXPECT_TRUE(set.insert(id_text(id)));
  EXPECT_TRUE(set.contains(id));
  EXPECT_TRUE(set.contains(id_text(id)));
  EXPECT_FALSE(set.insert(id));
  EXPECT_EQ(set.size(), 1u);
  EXPECT_FALSE(set.contains(make_event_id()));
  EXPECT_TRUE(set.erase(id));
  EXPECT_FALSE(set.contains(id_text(id)));
}

TEST(EventIdSet, OtherTextIsKeptAsIsAndEmptyIsNeverAMember) {
  event_id_set set;
  EXPECT_TRUE(set.insert("order-7"));
  EXPECT_TRUE(set.contains("order-7"));
  EXPECT_FALSE(set.contains("order-8"));
  EXPECT_FALSE(set.insert(""));
  EXPECT_FALSE(set.contains(""));
  EXPECT_EQ(set.size(), 1u);
  event_id_set other;
  other.insert("order-7");
  EXPECT_EQ(set, other);
  other.insert(make_event_id());
  EXPECT_FALSE(set == other);
}
