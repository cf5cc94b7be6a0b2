#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "runtime/admin/action_json.hpp"
#include "runtime/admin/events_json.hpp"
#include "runtime/admin/http_types.hpp"
#include "runtime/admin/status_json.hpp"
#include "runtime/errc.hpp"

using namespace actorbus;
using namespace actorbus::admin;
namespace json = boost::json;

namespace {

node_status sample_status() {
  node_status st;
  st.node = "node-1";
  st.uptime_s = 12.5;
  st.topics = {{"orders", {{0, 0, 120, 4096, 1}, {1, 10, 99, 2048, 2}}}};
  st.groups = {{"billing",
                "orders",
                {{"billing-1", {0, 1}, 3}},
                {{0, 118, 120, 2}, {1, 99, 99, 0}},
                {"shop::order_paid"}}};
  st.supervision
    = {{"payment", "shop-sup", "running", 42, 1, "exit_reason(kill)"}};
  return st;
}

} // namespace

TEST(AdminApiJson, StatusHasTheDocumentedShape) {
  auto doc = json::value_from(sample_status());
  EXPECT_EQ(
    json::serialize(doc),
    R"j({"node":"node-1","uptime_s":1.25E1,"topics":[{"name":"orders",)j"
    R"j("partitions":[{"partition":0,"start_offset":0,"end_offset":120,)j"
    R"j("bytes":4096,"segments":1},{"partition":1,"start_offset":10,)j"
    R"j("end_offset":99,"bytes":2048,"segments":2}]}],"groups":[{"group":)j"
    R"j("billing","topic":"orders","types":["shop::order_paid"],)j"
    R"j("members":[{"member":"billing-1",)j"
    R"j("partitions":[0,1],"in_flight":3}],"partitions":[{"partition":0,)j"
    R"j("committed":118,"end_offset":120,"lag":2},{"partition":1,)j"
    R"j("committed":99,"end_offset":99,"lag":0}]}],"supervision":[{"name":)j"
    R"j("payment","supervisor":"shop-sup","state":"running","instance":42,)j"
    R"j("restarts":1,"last_reason":"exit_reason(kill)"}]})j");
}

TEST(AdminApiJson, StatusRoundTrips) {
  auto doc = json::value_from(sample_status());
  auto back = status_from_json(doc);
  ASSERT_TRUE(back) << render(back.error());
  EXPECT_EQ(json::value_from(*back), doc);
  auto topics = topics_from_json(topics_json(back->topics));
  ASSERT_TRUE(topics);
  EXPECT_EQ(topics->at(0).partitions.at(1).end_offset, 99);
  auto groups = groups_from_json(groups_json(back->groups));
  ASSERT_TRUE(groups);
  EXPECT_EQ(groups->at(0).members.at(0).in_flight, 3);
}

TEST(AdminApiJson, MissingOrMistypedFieldIsNamed) {
  auto doc = json::value_from(sample_status());
  doc.as_object()["supervision"].as_array()[0].as_object().erase("restarts");
  auto back = status_from_json(doc);
  ASSERT_FALSE(back);
  EXPECT_TRUE(has_code(back.error(), errc::bad_request));
  EXPECT_NE(render(back.error()).find("'restarts'"), std::string::npos);
  doc = json::value_from(sample_status());
  doc.as_object()["node"] = 7;
  back = status_from_json(doc);
  ASSERT_FALSE(back);
  EXPECT_NE(render(back.error()).find("'node'"), std::string::npos);
}

TEST(AdminApiJson, KillResetAndReplayShapes) {
  EXPECT_EQ(json::serialize(json::value_from(kill_result{"payment", 42})),
            R"j({"killed":"payment","instance":42})j");
  reset_offsets_result r{"billing", "orders", "earliest", {{0, 118, 0}}};
  EXPECT_EQ(json::serialize(json::value_from(r)),
            R"j({"group":"billing","topic":"orders","to":"earliest",)j"
            R"j("partitions":[{"partition":0,"old_offset":118,)j"
            R"j("new_offset":0}]})j");
  EXPECT_EQ(json::serialize(
              json::value_from(dlq_replay_result{"orders", "orders.dlq", 3})),
            R"j({"topic":"orders","dlq_topic":"orders.dlq","replayed":3})j");
}

TEST(AdminApiJson, EventsPageRoundTrips) {
  events_page page;
  page.topic = "orders";
  event_record ev;
  ev.partition = 1;
  ev.offset = 7;
  ev.time = std::chrono::system_clock::time_point{
    std::chrono::milliseconds{1795725000250}};
  ev.type = "order_placed";
  ev.key = "cart-9";
  ev.data = json::parse(R"j({"order":"o-1","total":1299})j");
  page.events.push_back(ev);
  page.next = {{0, 3}, {1, 8}};
  auto doc = json::value_from(page);
  EXPECT_EQ(json::serialize(doc),
            R"j({"topic":"orders","events":[{"partition":1,"offset":7,)j"
            R"j("time":"2026-11-26T20:30:00.250Z","type":"order_placed",)j"
            R"j("key":"cart-9","data":{"order":"o-1","total":1299}}],)j"
            R"j("next":"0:3,1:8"})j");
  auto back = json::value_to<events_page>(doc);
  EXPECT_EQ(back.next, page.next);
  EXPECT_EQ(back.events.at(0).time, ev.time);
  EXPECT_EQ(json::value_from(back), doc);
}

TEST(AdminApiJson, ErrorResponseShape) {
  auto res = http_response::error(404, "not_found", "no actor named 'x'");
  EXPECT_EQ(res.status, 404u);
  EXPECT_EQ(res.content_type, "application/json");
  EXPECT_EQ(res.body, "{\"error\":\"not_found\",\"detail\":\"no actor named "
                      "'x'\"}\n");
}
