#include "tests/actor/broker/broker_fixture.hpp"

#include "actors/broker/consumer_actor.hpp"
#include "actors/broker/typed_producer.hpp"
#include "tests/unit/events/test_events.hpp"

using namespace std::chrono_literals;
using namespace actorbus;
using namespace actorbus::broker;
using actorbus::test::order_placed;

namespace {

struct order_cancelled {
  static constexpr const char* event_type = "test.OrderCancelled";
  std::string order_id;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_cancelled& x) {
  return f(caf::meta::type_name("test.OrderCancelled"), x.order_id);
}

using TypedConsumer = actorbus::test::broker_fixture;

} // namespace

TEST_F(TypedConsumer, HandlersGetTypedEventsInOrderAndNacksRetry) {
  auto b = start_broker();
  typed_producer prod{"shop-producer"};
  auto meta = ask<topic_metadata>(b, topic_metadata_request{"orders"});
  ASSERT_TRUE(meta);
  prod.learn(*meta);
  auto seen = std::make_shared<std::vector<std::string>>();
  auto fail_once = std::make_shared<bool>(true);
  consumer_config cfg;
  cfg.broker = b;
  cfg.group = "billing";
  cfg.topic = "orders";
  cfg.credit = 4;
  cfg.retry_delay = 1s;
  cfg.handlers
    .on<order_placed>([=](const order_placed& x, const events::envelope&) {
      seen->push_back("placed:" + x.order_id);
    })
    .on<order_cancelled>(
      [=](const order_cancelled& x, const events::envelope&) -> caf::error {
        if (*fail_once) {
          *fail_once = false;
          return caf::make_error(errc::timeout, "payment service down");
        }
        seen->push_back("cancelled:" + x.order_id);
        return caf::none;
      });
  auto consumer = sys.spawn(consumer_actor, cfg);
  run();
  // All events share one key, so one partition and one order.
  std::vector<events::envelope> evs;
  evs.push_back(make_envelope("c-1", order_placed{"o-1", 100, {}}));
  evs.push_back(make_envelope("c-1", order_cancelled{"o-1"}));
  evs.push_back(make_envelope("c-1", order_placed{"o-2", 200, {}}));
  auto req = prod.prepare("orders", evs);
  ASSERT_TRUE(req);
  auto res = ask<publish_result>(b, *req);
  ASSERT_TRUE(res);
  // A retry of the same request is deduplicated.
  auto retry = ask<publish_result>(b, *req);
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->offsets, res->offsets);
  run();
  // The cancel handler failed once: o-2 is held back behind it.
  EXPECT_EQ(*seen, (std::vector<std::string>{"placed:o-1"}));
  advance(1s);
  run();
  EXPECT_EQ(*seen, (std::vector<std::string>{"placed:o-1", "cancelled:o-1",
                                             "placed:o-2"}));
  auto& st = state_of<consumer_state>(consumer);
  EXPECT_EQ(st.handled, 3u);
  EXPECT_EQ(st.nacked, 1u);
  auto status = ask<broker_status>(b, status_request{});
  ASSERT_TRUE(status);
  for (auto& g : status->groups)
    for (auto& p : g.partitions)
      EXPECT_EQ(p.lag, 0);
  stop_broker(b);
  caf::anon_send_exit(consumer, caf::exit_reason::kill);
}
