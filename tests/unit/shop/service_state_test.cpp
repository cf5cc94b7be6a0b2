#include "runtime/shop/service_state.hpp"

#include <gtest/gtest.h>

using namespace actorbus::shop;

TEST(ServiceState, MakesEachServiceAndDispatchesToIt) {
  sim_params params;
  params.decline_rate = 0.0;
  for (auto id : all_services) {
    auto st = service_state::make(id, params);
    EXPECT_EQ(st.id(), id) << name_of(id);
    EXPECT_EQ(st.inbox().size(), 0u);
  }
  auto pay = service_state::make(service_id::payment, params);
  auto out
    = pay.handle(order_created{"o1", "c", {{"sku-0000", 1, 5}}, 5}, "e1");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->topic, output_of(service_id::payment));
  EXPECT_EQ(pay.as<payment_state>().find("o1")->authorizations, 1u);
  EXPECT_THROW(pay.as<order_state>(), std::bad_variant_access);
  // Types the service does not consume are no-ops.
  EXPECT_FALSE(pay.handle(order_paid{"o1", "c", {}}, "e2"));
}

TEST(ServiceState, RebuildThroughTheInterfaceEqualsLive) {
  sim_params params;
  auto live = service_state::make(service_id::cart, params);
  std::vector<outgoing> log;
  for (int i = 0; i < 5; ++i) {
    auto id = "e" + std::to_string(i);
    if (auto out = live.handle(add_to_cart{"o1", "c", "sku-0001", 1}, id))
      log.push_back(*out);
  }
  log.push_back(*live.handle(check_out{"o1", "c"}, "e9"));
  auto copy = service_state::make(service_id::cart, params);
  EXPECT_FALSE(copy == live);
  for (const auto& x : log)
    copy.apply_own(x.event, x.headers.causation_id);
  EXPECT_TRUE(copy == live);
  EXPECT_FALSE(copy.handle(check_out{"o1", "c"}, "e9"));
  EXPECT_EQ(copy.inbox().redeliveries(), 1u);
}
