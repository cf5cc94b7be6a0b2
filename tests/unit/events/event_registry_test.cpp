#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "runtime/events/event_registry.hpp"
#include "tests/unit/events/test_events.hpp"

using namespace actorbus;
using actorbus::test::order_placed;

TEST(EventRegistry, PrintsRegisteredEventsAsJson) {
  events::event_registry reg;
  reg.add<order_placed>();
  EXPECT_TRUE(reg.contains("test.OrderPlaced"));
  events::envelope x;
  x.topic = "orders";
  x.offset = 5;
  x.type = "test.OrderPlaced";
  x.payload = events::encode(order_placed{"o-1", 1250, {"apple"}});
  auto obj = reg.to_json(x);
  EXPECT_EQ(obj.at("topic").as_string(), "orders");
  EXPECT_EQ(obj.at("offset").as_int64(), 5);
  auto& ev = obj.at("event").as_object();
  EXPECT_EQ(ev.at("order_id").as_string(), "o-1");
  EXPECT_EQ(ev.at("amount_cents").as_int64(), 1250);
  EXPECT_EQ(ev.at("items").as_array().at(0).as_string(), "apple");
  EXPECT_FALSE(obj.contains("decode_error")) << boost::json::serialize(obj);
}

TEST(EventRegistry, UnknownTypeAndBadPayloadStillPrint) {
  events::event_registry reg;
  reg.add<order_placed>();
  events::envelope x;
  x.type = "test.Unknown";
  auto obj = reg.to_json(x);
  EXPECT_TRUE(obj.at("event").is_null());
  EXPECT_NE(obj.at("decode_error").as_string().find("unknown_event_type"),
            boost::json::string::npos);
  x.type = "test.OrderPlaced";
  x.payload = {'\x01'};
  auto bad = reg.to_json(x);
  EXPECT_NE(bad.at("decode_error").as_string().find("decode_failed"),
            boost::json::string::npos);
  auto missing = reg.payload_json("nope", {});
  ASSERT_FALSE(missing);
  EXPECT_TRUE(has_code(missing.error(), errc::unknown_event_type));
}
