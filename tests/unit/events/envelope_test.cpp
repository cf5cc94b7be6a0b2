#include <gtest/gtest.h>

#include "runtime/events/envelope.hpp"
#include "runtime/events/event_codec.hpp"
#include "tests/unit/events/test_events.hpp"

using namespace actorbus;
using actorbus::test::order_placed;

namespace {

events::envelope sample() {
  events::envelope x;
  x.id = events::make_event_id();
  x.topic = "orders";
  x.partition = 3;
  x.offset = 42;
  x.key = "customer-7";
  x.type = "test.OrderPlaced";
  x.time = caf::timestamp{std::chrono::milliseconds{1764000000123}};
  x.correlation_id = "corr-1";
  x.causation_id = "cause-1";
  x.headers["trace"] = "abc";
  x.producer_id = "p-1";
  x.sequence = 9;
  x.payload = events::encode(order_placed{"o-1", 1250, {"apple", "pear"}});
  return x;
}

} // namespace

TEST(Envelope, BytesRoundTripKeepsEveryField) {
  auto x = sample();
  auto bytes = events::to_bytes(x);
  events::envelope y;
  ASSERT_TRUE(events::from_bytes(bytes.data(), bytes.size(), y));
  EXPECT_EQ(y.id, x.id);
  EXPECT_EQ(y.topic, x.topic);
  EXPECT_EQ(y.partition, 3);
  EXPECT_EQ(y.offset, 42);
  EXPECT_EQ(y.key, x.key);
  EXPECT_EQ(y.type, x.type);
  EXPECT_EQ(y.time, x.time);
  EXPECT_EQ(y.correlation_id, "corr-1");
  EXPECT_EQ(y.causation_id, "cause-1");
  EXPECT_EQ(y.headers, x.headers);
  EXPECT_EQ(y.producer_id, "p-1");
  EXPECT_EQ(y.sequence, 9);
  EXPECT_EQ(y.payload, x.payload);
}

TEST(Envelope, TruncatedBytesAreRejected) {
  auto bytes = events::to_bytes(sample());
  events::envelope y;
  EXPECT_FALSE(events::from_bytes(bytes.data(), bytes.size() - 1, y));
}

TEST(Envelope, IdsAreUniqueAndPrintable) {
  auto a = events::make_event_id();
  auto b = events::make_event_id();
  EXPECT_NE(a, b);
  EXPECT_EQ(boost::uuids::to_string(a).size(), 36u);
}

TEST(EventCodec, TypedEventRoundTrip) {
  order_placed in{"o-9", 999, {"x"}};
  auto out = events::decode<order_placed>(events::encode(in));
  ASSERT_TRUE(out) << render(out.error());
  EXPECT_EQ(out->order_id, "o-9");
  EXPECT_EQ(out->amount_cents, 999);
  EXPECT_EQ(out->items, std::vector<std::string>{"x"});
  EXPECT_EQ(events::event_type_name_v<order_placed>, "test.OrderPlaced");
}

TEST(EventCodec, GarbageFailsWithDecodeFailed) {
  std::vector<char> garbage{'\xff', '\xff', '\xff', '\xff', '\x01'};
  auto out = events::decode<order_placed>(garbage);
  ASSERT_FALSE(out);
  EXPECT_TRUE(has_code(out.error(), errc::decode_failed));
  auto extra = events::encode(order_placed{"o", 1, {}});
  extra.push_back('!');
  auto trailing = events::decode<order_placed>(extra);
  ASSERT_FALSE(trailing);
  EXPECT_TRUE(has_code(trailing.error(), errc::decode_failed));
}

TEST(Envelope, StoredLayoutStartsWithTheRawIdThenTheTopic) {
  // The log format: the 16 id bytes without a length prefix (as CAF writes
  // a uint8_t[16] array), then the topic as a varint length and its bytes.
  // Logs written before the id went through apply_raw read back unchanged.
  auto x = sample();
  for (uint8_t i = 0; i < 16; ++i)
    x.id.data[i] = static_cast<uint8_t>(0xA0 + i);
  auto bytes = events::to_bytes(x);
  ASSERT_GT(bytes.size(), 24u);
  for (size_t i = 0; i < 16; ++i)
    EXPECT_EQ(static_cast<uint8_t>(bytes[i]), 0xA0 + i) << i;
  EXPECT_EQ(bytes[16], 6) << "length of \"orders\"";
  EXPECT_EQ(std::string(bytes.data() + 17, 6), "orders");
  events::envelope back;
  ASSERT_TRUE(events::from_bytes(bytes.data(), bytes.size(), back));
  EXPECT_EQ(back.id, x.id);
}
