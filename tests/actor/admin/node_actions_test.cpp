// The node's reset-offsets and dead-letter replay routes, and the metrics
// the broker's actors report in their status, against a deterministic
// broker (no HTTP: the route functions are called directly).
#include "tests/actor/broker/broker_fixture.hpp"

#include <optional>

#include <boost/json/parse.hpp>

#include "actors/admin/node_actions.hpp"
#include "actors/admin/node_metrics.hpp"

using namespace std::chrono_literals;
using namespace actorbus;
using namespace actorbus::admin;
using namespace actorbus::broker;

namespace {

class NodeActions : public test::broker_fixture {
protected:
  responder capture() {
    answer.reset();
    return [this](http_response res) { answer = std::move(res); };
  }

  /// Runs a route to completion; returns its status and JSON body.
  std::pair<unsigned, boost::json::value> finish() {
    run();
    if (!answer) {
      ADD_FAILURE() << "the route did not answer";
      return {0, {}};
    }
    return {answer->status, boost::json::parse(answer->body)};
  }

  std::pair<unsigned, boost::json::value> reset(const caf::actor& b,
                                                std::string group,
                                                std::string topic,
                                                std::optional<std::string> to) {
    http_request req;
    req.method = "POST";
    req.params = {{"group", std::move(group)}, {"topic", std::move(topic)}};
    if (to)
      req.query["to"] = *to;
    reset_offsets_route(sys, b, req, capture());
    return finish();
  }

  std::pair<unsigned, boost::json::value> replay(const caf::actor& b,
                                                 std::string topic) {
    http_request req;
    req.method = "POST";
    req.params = {{"topic", std::move(topic)}};
    dlq_replay_route(sys, b, cursors, req, capture());
    return finish();
  }

  std::optional<http_response> answer;
  std::shared_ptr<dlq_cursors> cursors = std::make_shared<dlq_cursors>();
};

} // namespace

TEST_F(NodeActions, ResetOffsetsMovesTheGroupAndReportsOldAndNew) {
  auto b = start_broker();
  auto m = sys.spawn(test::recorder, true);
  join(b, m, "g", 10);
  ASSERT_TRUE(publish(b, "orders", {event("a"), event("a"), event("a")}));
  run();
  ASSERT_EQ(got(m).size(), 3u);
  auto partition = got(m).front().event.partition;
  auto [status, doc] = reset(b, "g", "orders", "earliest");
  ASSERT_EQ(status, 200u) << doc;
  EXPECT_EQ(doc.at("group"), "g");
  EXPECT_EQ(doc.at("to"), "earliest");
  auto& parts = doc.at("partitions").as_array();
  ASSERT_EQ(parts.size(), 2u);
  for (auto& p : parts) {
    auto moved = p.at("partition").to_number<int32_t>() == partition;
    EXPECT_EQ(p.at("old_offset").to_number<int64_t>(), moved ? 3 : 0) << p;
    EXPECT_EQ(p.at("new_offset").to_number<int64_t>(), 0) << p;
  }
  run();
  // The group got the three events again.
  ASSERT_EQ(got(m).size(), 6u);
  EXPECT_EQ(got(m)[3].event.offset, got(m)[0].event.offset);
  stop_broker(b);
  caf::anon_send_exit(m, caf::exit_reason::kill);
}

TEST_F(NodeActions, ResetOffsetsRejectsUnknownNamesAndBadPositions) {
  auto b = start_broker();
  auto m = sys.spawn(test::recorder, true);
  join(b, m, "g", 10);
  auto [s1, d1] = reset(b, "ghost", "orders", "earliest");
  EXPECT_EQ(s1, 404u) << d1;
  EXPECT_EQ(d1.at("error"), "not_found");
  auto [s2, d2] = reset(b, "g", "nope", "earliest");
  EXPECT_EQ(s2, 404u) << d2;
  auto [s3, d3] = reset(b, "g", "orders", "yesterday");
  EXPECT_EQ(s3, 400u) << d3;
  EXPECT_EQ(d3.at("error"), "bad_request");
  auto [s4, d4] = reset(b, "g", "orders", std::nullopt);
  EXPECT_EQ(s4, 400u) << d4;
  // None of this created a group or a topic.
  auto st = ask<broker_status>(b, status_request{});
  ASSERT_TRUE(st);
  EXPECT_EQ(st->groups.size(), 1u);
  for (auto& t : st->topics)
    EXPECT_NE(t.topic, "nope");
  stop_broker(b);
  caf::anon_send_exit(m, caf::exit_reason::kill);
}

TEST_F(NodeActions, DlqReplayAnswersWithTheCountAndContinuesAfterIt) {
  auto b = start_broker();
  auto m = sys.spawn(test::recorder, false);
  auto coord = join(b, m, "g", 10);
  ASSERT_TRUE(publish(b, "orders", {event("poison")}));
  run();
  for (int attempt = 1; attempt <= 3; ++attempt) {
    ASSERT_EQ(got(m).size(), static_cast<size_t>(attempt));
    auto& d = got(m).back();
    self->send(
      coord, nack_msg{m, {d.event.partition, d.event.offset}, 0s, "bad input"});
    run();
  }
  auto [status, doc] = replay(b, "orders");
  ASSERT_EQ(status, 200u) << doc;
  EXPECT_EQ(doc.at("replayed").to_number<int64_t>(), 1);
  EXPECT_EQ(doc.at("dlq_topic"), "orders.dlq");
  run();
  ASSERT_EQ(got(m).size(), 4u);
  EXPECT_EQ(got(m).back().event.id, got(m).front().event.id);
  // A second replay continues after the first: nothing new to replay.
  auto [status2, doc2] = replay(b, "orders");
  ASSERT_EQ(status2, 200u) << doc2;
  EXPECT_EQ(doc2.at("replayed").to_number<int64_t>(), 0);
  auto [status3, doc3] = replay(b, "nope");
  EXPECT_EQ(status3, 404u) << doc3;
  stop_broker(b);
  caf::anon_send_exit(m, caf::exit_reason::kill);
}

TEST_F(NodeActions, DlqCursorsAllowOneReplayPerTopicAtATime) {
  dlq_cursors c;
  EXPECT_TRUE(c.begin("orders"));
  EXPECT_FALSE(c.begin("orders"));
  EXPECT_TRUE(c.begin("payments"));
  c.end("orders");
  EXPECT_TRUE(c.begin("orders"));
}

TEST_F(NodeActions, StatusCarriesFsyncDurableAndMailboxMetrics) {
  auto b = start_broker();
  ASSERT_TRUE(publish(b, "orders", {event("a")}));
  ASSERT_TRUE(publish(b, "orders", {event("a"), event("a")}));
  auto m = sys.spawn(test::recorder, true);
  join(b, m, "g", 10);
  auto st = ask<broker_status>(b, status_request{});
  ASSERT_TRUE(st);
  ASSERT_EQ(st->topics.size(), 1u);
  uint64_t fsyncs = 0;
  uint64_t durable = 0;
  for (auto& p : st->topics[0].partitions) {
    fsyncs += p.fsync_seconds.count;
    durable += p.durable_seconds.count;
    EXPECT_EQ(p.fsync_seconds.counts.size(), p.fsync_seconds.bounds.size() + 1);
  }
  // Durability "always": each publish waited for its own fsync.
  EXPECT_GE(fsyncs, 2u);
  EXPECT_EQ(durable, 2u);
  supervision::actor_directory dir;
  metrics::registry reg;
  auto text = render_node_metrics(reg, &*st, dir, {});
  for (auto needle :
       {"actorbus_fsyncs_total{topic=\"orders\",partition=\"",
        "actorbus_fsync_seconds_bucket{topic=\"orders\",partition=\"",
        "actorbus_publish_durable_seconds_count{topic=\"orders\"} 2\n",
        "actorbus_broker_mailbox_size{actor=\"broker\",name=\"broker\"} 0\n",
        "actorbus_broker_mailbox_size{actor=\"partition\",name=\"orders/",
        "actorbus_broker_mailbox_size{actor=\"coordinator\",name=\"g/"
        "orders\"}"})
    EXPECT_NE(text.find(needle), std::string::npos) << needle << "\n" << text;
  stop_broker(b);
  caf::anon_send_exit(m, caf::exit_reason::kill);
}
