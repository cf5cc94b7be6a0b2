#include "runtime/shop/shop_event.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include <boost/json.hpp>

#include "caf/binary_deserializer.hpp"
#include "caf/binary_serializer.hpp"
#include "caf/deep_to_string.hpp"
#include "runtime/errc.hpp"
#include "runtime/shop/causal_headers.hpp"
#include "runtime/shop/outgoing.hpp"
#include "runtime/shop/register_shop_events.hpp"
#include "runtime/shop/shop_codec.hpp"
#include "runtime/shop/shop_flow.hpp"

using namespace actorbus::shop;

namespace {

template <class T>
T round_trip(T x) {
  std::vector<char> buf;
  caf::binary_serializer sink{nullptr, buf};
  EXPECT_FALSE(sink(x));
  T y;
  caf::binary_deserializer source{nullptr, buf};
  EXPECT_FALSE(source(y));
  return y;
}

} // namespace

TEST(ShopEvents, InspectRoundTripsEveryField) {
  order_created x{"c0001-o0002", "c0001", {{"sku-0003", 2, 450}}, 900};
  auto y = round_trip(x);
  EXPECT_EQ(y.order_id, x.order_id);
  EXPECT_EQ(y.customer, x.customer);
  EXPECT_EQ(y.items, x.items);
  EXPECT_EQ(y.amount_cents, 900);
  order_cancelled c{"o", "c", cancel_reason::out_of_stock};
  EXPECT_EQ(round_trip(c).reason, cancel_reason::out_of_stock);
  stock_reserved r{"o", {{"a", 1, 1}, {"b", 2, 2}}, {7, 0}};
  EXPECT_EQ(round_trip(r).remaining, (std::vector<int64_t>{7, 0}));
}

TEST(ShopEvents, DeepToStringNamesTheType) {
  notification_sent x{"o", "c", notice_kind::cancellation, "hi"};
  auto str = caf::deep_to_string(x);
  EXPECT_NE(str.find("shop::notification_sent"), std::string::npos) << str;
  EXPECT_NE(str.find("hi"), std::string::npos) << str;
}

TEST(ShopEvents, RoutingHelpersUseTypeAndOrderId) {
  shop_event ev = payment_refunded{"c0001-o0002", "c0001", 100};
  EXPECT_STREQ(topic_of(ev), "payments");
  EXPECT_STREQ(type_name_of(ev), "shop::payment_refunded");
  EXPECT_EQ(order_id_of(ev), "c0001-o0002");
}

TEST(ShopEvents, JsonPrintsDescribedFieldsAndEnumNames) {
  shop_event ev = order_cancelled{"o1", "c1", cancel_reason::empty_cart};
  auto json = to_json(ev);
  EXPECT_EQ(json.at("type").as_string(), "shop::order_cancelled");
  EXPECT_EQ(json.at("event").at("reason").as_string(), "empty_cart");
  EXPECT_EQ(json.at("event").at("order_id").as_string(), "o1");
  auto items = to_json(shop_event{checkout_requested{"o", "c", {{"s", 2, 5}}}});
  EXPECT_EQ(items.at("event").at("items").at(0).at("qty").as_int64(), 2);
}

TEST(ShopEvents, OutgoingCarriesTopicKeyAndCausalHeaders) {
  auto out = make_outgoing(order_paid{"o7", "c1", {}}, "e42");
  EXPECT_EQ(out.topic, "orders");
  EXPECT_EQ(out.key, "o7");
  EXPECT_EQ(out.headers.correlation_id, "o7");
  EXPECT_EQ(out.headers.causation_id, "e42");
  EXPECT_EQ(headers_from(out.headers.to_pairs()), out.headers);
  EXPECT_EQ(headers_from({{"other", "x"}}), (causal_headers{}));
}

TEST(ShopFlow, EveryTopicHasOneWriterAndNobodyReadsItsOwn) {
  std::map<std::string, int> writers;
  for (auto s : all_services) {
    ++writers[output_of(s)];
    for (const auto& in : inputs_of(s))
      EXPECT_NE(in, output_of(s)) << name_of(s);
  }
  for (const auto& [topic, n] : writers)
    EXPECT_EQ(n, 1) << topic;
  EXPECT_EQ(consumers_of("orders").size(), 3u);
  EXPECT_EQ(consumers_of("cart-commands"),
            std::vector<service_id>{service_id::cart});
  EXPECT_TRUE(consumers_of("notifications").empty());
}

/// Type name -> topic of every shop event type.
template <size_t... Is>
std::map<std::string, std::string> topic_by_type(std::index_sequence<Is...>) {
  std::map<std::string, std::string> result;
  (result.emplace(type_name_of(shop_event{std::in_place_index<Is>}),
                  topic_of(shop_event{std::in_place_index<Is>})),
   ...);
  return result;
}

TEST(ShopFlow, EveryInputHasTypesThatAreWrittenToIt) {
  EXPECT_EQ(inputs_of(service_id::order),
            (std::vector<std::string>{"carts", "payments", "inventory"}));
  EXPECT_EQ(types_taken(service_id::inventory, "orders"),
            (std::vector<std::string>{"shop::order_paid",
                                      "shop::order_cancelled"}));
  EXPECT_TRUE(types_taken(service_id::payment, "carts").empty());
  auto topics = topic_by_type(
    std::make_index_sequence<std::variant_size_v<shop_event>>{});
  for (auto s : all_services) {
    for (const auto& in : inputs_of(s)) {
      auto types = types_taken(s, in);
      EXPECT_FALSE(types.empty()) << name_of(s) << " on " << in;
      for (const auto& t : types) {
        ASSERT_EQ(topics.count(t), 1u) << t;
        EXPECT_EQ(topics[t], in) << name_of(s) << " takes " << t;
      }
    }
  }
}

TEST(ShopCodec, EncodeDecodeByTypeNameForEveryType) {
  std::vector<shop_event> all{
    add_to_cart{"o", "c", "s", 1},
    remove_from_cart{"o", "c", "s", 1},
    check_out{"o", "c"},
    cart_item_added{"o", "c", {"s", 1, 2}},
    cart_item_removed{"o", "c", "s", 1},
    checkout_requested{"o", "c", {{"s", 1, 2}}},
    order_created{"o", "c", {{"s", 1, 2}}, 2},
    order_paid{"o", "c", {{"s", 1, 2}}},
    order_confirmed{"o", "c", 2},
    order_cancelled{"o", "c", cancel_reason::out_of_stock},
    payment_authorized{"o", "c", 2},
    payment_declined{"o", "c", 2, "card_declined"},
    payment_refunded{"o", "c", 2},
    stock_reserved{"o", {{"s", 1, 2}}, {3}},
    out_of_stock{"o", "s", 1, 0},
    stock_released{"o", {{"s", 1, 2}}},
    notification_sent{"o", "c", notice_kind::confirmation, "t"},
  };
  ASSERT_EQ(all.size(), std::variant_size_v<shop_event>);
  for (const auto& ev : all) {
    auto bytes = encode_shop_event(ev);
    auto back = decode_shop_event(type_name_of(ev), bytes);
    ASSERT_TRUE(back) << type_name_of(ev);
    EXPECT_EQ(back->index(), ev.index());
    EXPECT_EQ(to_json(*back), to_json(ev));
  }
}

TEST(ShopCodec, UnknownTypeAndBadBytesAreErrors) {
  auto bytes = encode_shop_event(order_confirmed{"o", "c", 2});
  auto unknown = decode_shop_event("shop::nope", bytes);
  EXPECT_TRUE(
    actorbus::has_code(unknown.error(), actorbus::errc::unknown_event_type));
  auto truncated = bytes;
  truncated.resize(truncated.size() - 3);
  EXPECT_TRUE(actorbus::has_code(
    decode_shop_event("shop::order_confirmed", truncated).error(),
    actorbus::errc::decode_failed));
  auto longer = bytes;
  longer.push_back('x');
  EXPECT_TRUE(actorbus::has_code(
    decode_shop_event("shop::order_confirmed", longer).error(),
    actorbus::errc::decode_failed));
}

namespace {

// Records what register_shop_events adds, like events::event_registry would.
struct recording_registry {
  std::vector<std::string> names;

  template <class T>
  void add() {
    names.emplace_back(T::event_type);
  }
};

} // namespace

TEST(ShopEvents, RegisterShopEventsAddsEveryTypeOnce) {
  recording_registry registry;
  register_shop_events(registry);
  ASSERT_EQ(registry.names.size(), std::variant_size_v<shop_event>);
  std::set<std::string> unique{registry.names.begin(), registry.names.end()};
  EXPECT_EQ(unique.size(), registry.names.size());
  EXPECT_EQ(unique.count("shop::order_created"), 1u);
  EXPECT_EQ(unique.count("shop::notification_sent"), 1u);
}
