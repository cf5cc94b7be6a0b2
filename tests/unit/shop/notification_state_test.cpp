#include "runtime/shop/notification_state.hpp"

#include <gtest/gtest.h>

using namespace actorbus::shop;

TEST(NotificationState, OneNoticePerOrderOfTheRightKind) {
  notification_state state;
  auto a = state.handle(order_confirmed{"o1", "c1", 100}, "e1");
  ASSERT_TRUE(a);
  EXPECT_EQ(std::get<notification_sent>(a->event).kind,
            notice_kind::confirmation);
  auto b = state.handle(
    order_cancelled{"o2", "c2", cancel_reason::payment_declined}, "e2");
  auto notice = std::get<notification_sent>(b->event);
  EXPECT_EQ(notice.kind, notice_kind::cancellation);
  EXPECT_NE(notice.text.find("payment_declined"), std::string::npos);
  EXPECT_FALSE(state.handle(order_confirmed{"o1", "c1", 100}, "e1"));
  EXPECT_FALSE(state.handle(order_confirmed{"o1", "c1", 100}, "e3"));
  EXPECT_EQ(state.sent("o1"), 1u);
  EXPECT_EQ(state.sent("o3"), 0u);
  EXPECT_EQ(state.outbox().size(), 2u);
  EXPECT_TRUE(state.handle(order_paid{"o4", "c", {}}, "e4") == std::nullopt);
}

TEST(NotificationState, RebuildFromOwnEventsEqualsLiveState) {
  notification_state state;
  std::vector<outgoing> log;
  for (int i = 0; i < 10; ++i)
    log.push_back(
      *state.handle(order_confirmed{"o" + std::to_string(i), "c", 1},
                    "e" + std::to_string(i)));
  notification_state copy;
  for (auto i = log.rbegin(); i != log.rend(); ++i)
    copy.apply_own(i->event, i->headers.causation_id);
  EXPECT_EQ(copy, state);
  EXPECT_FALSE(copy.handle(order_confirmed{"o3", "c", 1}, "e3"));
  EXPECT_EQ(copy.inbox().redeliveries(), 1u);
}
