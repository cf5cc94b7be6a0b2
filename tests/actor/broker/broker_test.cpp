#include "tests/actor/broker/broker_fixture.hpp"

#include "actors/broker/broker_atoms.hpp"
#include "runtime/errc.hpp"
#include "runtime/events/partitioner.hpp"

using namespace std::chrono_literals;
using namespace actorbus;
using namespace actorbus::broker;

namespace {

using BrokerTest = actorbus::test::broker_fixture;
using actorbus::test::ack_all_atom;
using actorbus::test::recorder;
using actorbus::test::refs_of;

std::vector<int64_t> offsets_in(const std::vector<delivery>& ds,
                                int32_t partition) {
  std::vector<int64_t> result;
  for (auto& d : ds)
    if (d.event.partition == partition)
      result.push_back(d.event.offset);
  return result;
}

} // namespace

TEST_F(BrokerTest, PublishIsAnsweredOnlyAfterTheFsync) {
  auto b = start_broker();
  auto syncs = fs.syncs();
  auto res = publish(b, "orders", {event("k1"), event("k2")});
  ASSERT_TRUE(res) << render(res.error());
  EXPECT_GT(fs.syncs(), syncs);
  // What was acknowledged survives a power loss.
  stop_broker(b);
  fs.power_loss();
  auto b2 = start_broker();
  ASSERT_TRUE(ask<topic_metadata>(b2, topic_metadata_request{"orders"}));
  auto st = ask<broker_status>(b2, status_request{});
  ASSERT_TRUE(st);
  int64_t total = 0;
  for (auto& t : st->topics)
    if (t.topic == "orders")
      for (auto& p : t.partitions)
        total += p.end_offset;
  EXPECT_EQ(total, 2);
  // A failing fsync fails the publish instead of acknowledging it.
  fs.fail_sync(1);
  auto bad = publish(b2, "orders", {event("k1")});
  ASSERT_FALSE(bad);
  EXPECT_TRUE(has_code(bad.error(), errc::io_error)) << render(bad.error());
  stop_broker(b2);
}

TEST_F(BrokerTest, OneFsyncCoversEveryQueuedPublish) {
  auto b = start_broker();
  ASSERT_TRUE(publish(b, "orders", {event("k")})); // opens the segment
  auto syncs = fs.syncs();
  using handle_t = decltype(self->request(b, caf::infinite, publish_request{}));
  std::vector<handle_t> handles;
  for (int i = 0; i < 5; ++i)
    handles.push_back(
      self->request(b, caf::infinite, publish_request{"orders", {event("k")}}));
  run();
  EXPECT_EQ(fs.syncs(), syncs + 1);
  std::vector<int64_t> offsets;
  for (auto& h : handles)
    h.receive([&](publish_result& r) { offsets.push_back(r.offsets[0]); },
              [&](caf::error& err) { ADD_FAILURE() << render(err); });
  EXPECT_EQ(offsets, (std::vector<int64_t>{1, 2, 3, 4, 5}));
  stop_broker(b);
}

TEST_F(BrokerTest, SameKeySamePartition) {
  auto b = start_broker();
  std::vector<events::envelope> evs;
  for (int i = 0; i < 20; ++i)
    evs.push_back(event("customer-" + std::to_string(i % 5)));
  auto res = publish(b, "orders", evs);
  ASSERT_TRUE(res);
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(res->partitions[i], events::partition_for_key(
                                    "customer-" + std::to_string(i % 5), 2));
  stop_broker(b);
}

TEST_F(BrokerTest, UnknownTopicAndOversizedPayloadAreErrors) {
  opts.auto_create_topics = false;
  broker::topic_config declared;
  declared.name = "orders";
  declared.partitions = 1;
  declared.max_payload_bytes = 8;
  declared.durability = log::durability::always;
  topics.push_back(declared);
  auto b = start_broker();
  auto unknown = publish(b, "nope", {event("a")});
  ASSERT_FALSE(unknown);
  EXPECT_TRUE(has_code(unknown.error(), errc::unknown_topic));
  auto big = publish(b, "orders", {event("a", std::string(9, 'x'))});
  ASSERT_FALSE(big);
  EXPECT_TRUE(has_code(big.error(), errc::payload_too_large));
  EXPECT_TRUE(publish(b, "orders", {event("a", std::string(8, 'x'))}));
  stop_broker(b);
}

TEST_F(BrokerTest, TwoGroupsEachReceiveEverything) {
  auto b = start_broker();
  auto m1 = sys.spawn(recorder, true);
  auto m2 = sys.spawn(recorder, true);
  join(b, m1, "billing");
  join(b, m2, "shipping");
  std::vector<events::envelope> evs;
  for (int i = 0; i < 10; ++i)
    evs.push_back(event("k" + std::to_string(i)));
  ASSERT_TRUE(publish(b, "orders", evs));
  run();
  EXPECT_EQ(got(m1).size(), 10u);
  EXPECT_EQ(got(m2).size(), 10u);
  for (int32_t p = 0; p < 2; ++p) {
    auto offs = offsets_in(got(m1), p);
    EXPECT_TRUE(std::is_sorted(offs.begin(), offs.end()));
  }
  stop_broker(b);
  caf::anon_send_exit(m1, caf::exit_reason::kill);
  caf::anon_send_exit(m2, caf::exit_reason::kill);
}

TEST_F(BrokerTest, CreditWindowIsNeverExceeded) {
  auto b = start_broker();
  auto m = sys.spawn(recorder, false);
  join(b, m, "g", 3);
  std::vector<events::envelope> evs(10, event("same-key"));
  ASSERT_TRUE(publish(b, "orders", evs));
  run();
  ASSERT_EQ(got(m).size(), 3u);
  self->send(m, ack_all_atom::value, refs_of(got(m)));
  run();
  EXPECT_EQ(got(m).size(), 6u);
  stop_broker(b);
  caf::anon_send_exit(m, caf::exit_reason::kill);
}

TEST_F(BrokerTest, RebalanceOnJoinLeaveAndDeathLosesNothing) {
  auto b = start_broker();
  auto a = sys.spawn(recorder, false);
  join(b, a, "g", 100);
  std::vector<events::envelope> evs;
  for (int i = 0; i < 20; ++i)
    evs.push_back(event("k" + std::to_string(i)));
  ASSERT_TRUE(publish(b, "orders", evs));
  run();
  ASSERT_EQ(got(a).size(), 20u);
  auto p1 = offsets_in(got(a), 1).size();
  // b joins and takes partition 1 with its unacked events.
  auto bm = sys.spawn(recorder, false);
  join(b, bm, "g", 100);
  run();
  EXPECT_EQ(got(bm).size(), p1);
  for (auto& d : got(bm)) {
    EXPECT_EQ(d.event.partition, 1);
    EXPECT_EQ(d.attempt, 2);
  }
  // b dies: a gets partition 1 back, again unacked.
  caf::anon_send_exit(bm, caf::exit_reason::kill);
  run();
  EXPECT_EQ(got(a).size(), 20u + p1);
  // a acks everything it got; every partition is fully committed.
  self->send(a, ack_all_atom::value, refs_of(got(a)));
  run();
  auto st = ask<broker_status>(b, status_request{});
  ASSERT_TRUE(st);
  ASSERT_EQ(st->groups.size(), 1u);
  int64_t committed = 0;
  for (auto& p : st->groups[0].partitions) {
    committed += p.committed;
    EXPECT_EQ(p.lag, 0);
  }
  EXPECT_EQ(committed, 20);
  // A graceful leave hands the partitions back too.
  auto c = sys.spawn(recorder, false);
  auto coord = join(b, c, "g", 100);
  ASSERT_TRUE(publish(b, "orders", {event("k1"), event("k2"), event("k3")}));
  run();
  auto before = got(a).size() + got(c).size();
  EXPECT_EQ(before, 20u + p1 + 3u);
  self->send(coord, leave_msg{c});
  run();
  auto moved = got(c).size();
  EXPECT_EQ(got(a).size(), 20u + p1 + 3u);
  (void) moved;
  stop_broker(b);
  caf::anon_send_exit(a, caf::exit_reason::kill);
  caf::anon_send_exit(c, caf::exit_reason::kill);
}

TEST_F(BrokerTest, AckTimeoutRedeliversWithAttemptNumbers) {
  auto b = start_broker();
  auto m = sys.spawn(recorder, false);
  join(b, m, "g", 10);
  ASSERT_TRUE(publish(b, "orders", {event("a"), event("a")}));
  run();
  ASSERT_EQ(got(m).size(), 2u);
  advance(9s);
  EXPECT_EQ(got(m).size(), 2u);
  advance(1s);
  run();
  ASSERT_EQ(got(m).size(), 4u);
  EXPECT_EQ(got(m)[2].attempt, 2);
  EXPECT_EQ(got(m)[2].event.offset, got(m)[0].event.offset);
  EXPECT_EQ(got(m)[3].event.offset, got(m)[1].event.offset);
  stop_broker(b);
  caf::anon_send_exit(m, caf::exit_reason::kill);
}

TEST_F(BrokerTest, NackIsRedeliveredAfterItsDelay) {
  auto b = start_broker();
  auto m = sys.spawn(recorder, false);
  auto coord = join(b, m, "g", 10);
  ASSERT_TRUE(publish(b, "orders", {event("a")}));
  run();
  ASSERT_EQ(got(m).size(), 1u);
  auto ref = refs_of(got(m))[0];
  self->send(coord, nack_msg{m, ref, 2s, "busy"});
  run();
  advance(1s);
  EXPECT_EQ(got(m).size(), 1u);
  advance(1s);
  run();
  ASSERT_EQ(got(m).size(), 2u);
  EXPECT_EQ(got(m)[1].attempt, 2);
  stop_broker(b);
  caf::anon_send_exit(m, caf::exit_reason::kill);
}

TEST_F(BrokerTest, DeadLetterAfterMaxAttemptsThenReplay) {
  auto b = start_broker();
  auto m = sys.spawn(recorder, false);
  auto coord = join(b, m, "g", 10);
  auto res = publish(b, "orders", {event("poison")});
  ASSERT_TRUE(res);
  run();
  for (int attempt = 1; attempt <= 3; ++attempt) {
    ASSERT_EQ(got(m).size(), static_cast<size_t>(attempt));
    EXPECT_EQ(got(m).back().attempt, attempt);
    self->send(coord, nack_msg{m, refs_of(got(m)).back(), 0s, "bad input"});
    run();
  }
  EXPECT_EQ(got(m).size(), 3u);
  // The letter is in orders.dlq with its headers; the group moved on.
  auto dlq = sys.spawn(recorder, true);
  auto res2
    = ask<join_result>(b, join_request{"ops", "orders.dlq", dlq, 0, {}, {}});
  ASSERT_TRUE(res2);
  run();
  ASSERT_EQ(got(dlq).size(), 1u);
  auto& h = got(dlq)[0].event.headers;
  EXPECT_EQ(h.at("dlq.group"), "g");
  EXPECT_EQ(h.at("dlq.topic"), "orders");
  EXPECT_EQ(h.at("dlq.partition"), std::to_string(res->partitions[0]));
  EXPECT_EQ(h.at("dlq.offset"), std::to_string(res->offsets[0]));
  EXPECT_EQ(h.at("dlq.attempts"), "3");
  EXPECT_EQ(h.at("dlq.error"), "bad input");
  auto st = ask<broker_status>(b, status_request{});
  for (auto& g : st->groups) {
    if (g.group == "g") {
      EXPECT_EQ(g.dead_lettered, 1);
    }
  }
  // Replay puts it back into orders, where the group gets it again.
  auto rep = ask<replay_result>(b, replay_dlq_request{"orders", {}, 100});
  ASSERT_TRUE(rep) << render(rep.error());
  EXPECT_EQ(rep->replayed, 1);
  run();
  ASSERT_EQ(got(m).size(), 4u);
  EXPECT_EQ(got(m).back().attempt, 1);
  EXPECT_EQ(got(m).back().event.headers.count("dlq.group"), 0u);
  EXPECT_EQ(got(m).back().event.id, got(m).front().event.id);
  auto again = ask<replay_result>(
    b, replay_dlq_request{"orders", rep->next_offsets, 100});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->replayed, 0);
  stop_broker(b);
  caf::anon_send_exit(m, caf::exit_reason::kill);
  caf::anon_send_exit(dlq, caf::exit_reason::kill);
}

TEST_F(BrokerTest, OffsetResetReprocessesHistory) {
  auto b = start_broker();
  auto m = sys.spawn(recorder, true);
  join(b, m, "g", 10);
  ASSERT_TRUE(publish(b, "orders", {event("a"), event("a"), event("a")}));
  run();
  ASSERT_EQ(got(m).size(), 3u);
  auto res = ask<reset_offsets_result>(
    b, reset_offsets_request{"g", "orders", {start_position::earliest, 0}});
  ASSERT_TRUE(res);
  run();
  EXPECT_EQ(got(m).size(), 6u);
  EXPECT_EQ(got(m)[3].event.offset, got(m)[0].event.offset);
  EXPECT_EQ(got(m)[3].attempt, 1);
  stop_broker(b);
  caf::anon_send_exit(m, caf::exit_reason::kill);
}

TEST_F(BrokerTest, TypeFilterDeliversOnlyItsTypesAndCommitsPastTheRest) {
  opts.default_partitions = 1;
  auto b = start_broker();
  auto paid = sys.spawn(recorder, true);
  auto all = sys.spawn(recorder, true);
  join(b, paid, "billing", 0, {}, {"paid", "refunded"});
  join(b, all, "audit");
  std::vector<events::envelope> evs;
  // offsets 0..9: paid at 1 and 5, refunded at 8, the rest "created".
  for (int i = 0; i < 10; ++i) {
    auto type = i == 1 || i == 5 ? "paid" : i == 8 ? "refunded" : "created";
    evs.push_back(event("k", "x", type));
  }
  ASSERT_TRUE(publish(b, "orders", evs));
  run();
  EXPECT_EQ(got(all).size(), 10u);
  ASSERT_EQ(got(paid).size(), 3u);
  EXPECT_EQ(offsets_in(got(paid), 0), (std::vector<int64_t>{1, 5, 8}));
  // What the filter passed over right before each delivery.
  EXPECT_EQ(got(paid)[0].skipped, 1);
  EXPECT_EQ(got(paid)[1].skipped, 3);
  EXPECT_EQ(got(paid)[2].skipped, 2);
  EXPECT_EQ(got(paid)[0].event.type, "paid");
  // The group committed past the trailing "created" event too.
  auto st = ask<broker_status>(b, status_request{});
  ASSERT_TRUE(st);
  for (auto& g : st->groups) {
    ASSERT_EQ(g.partitions.size(), 1u);
    EXPECT_EQ(g.partitions[0].committed, 10) << g.group;
    EXPECT_EQ(g.partitions[0].lag, 0) << g.group;
  }
  // Only created events after that: the commit still moves.
  ASSERT_TRUE(publish(b, "orders", {event("k", "x", "created")}));
  run();
  EXPECT_EQ(got(paid).size(), 3u);
  st = ask<broker_status>(b, status_request{});
  ASSERT_TRUE(st);
  for (auto& g : st->groups)
    EXPECT_EQ(g.partitions[0].committed, 11) << g.group;
  stop_broker(b);
  caf::anon_send_exit(paid, caf::exit_reason::kill);
  caf::anon_send_exit(all, caf::exit_reason::kill);
}

TEST_F(BrokerTest, TypeFilterBelongsToTheGroup) {
  auto b = start_broker();
  auto m1 = sys.spawn(recorder, true);
  auto m2 = sys.spawn(recorder, true);
  join(b, m1, "billing", 0, {}, {"paid"});
  // Same types in another order: fine.
  auto same = ask<join_result>(
    b, join_request{"billing", "orders", m2, 0, {}, {"paid", "paid"}});
  EXPECT_TRUE(same) << render(same.error());
  auto m3 = sys.spawn(recorder, true);
  auto other = ask<join_result>(
    b, join_request{"billing", "orders", m3, 0, {}, {"created"}});
  ASSERT_FALSE(other);
  EXPECT_TRUE(has_code(other.error(), errc::invalid_argument));
  auto text = render(other.error());
  EXPECT_NE(text.find("takes types [paid]"), std::string::npos) << text;
  EXPECT_NE(text.find("asks for [created]"), std::string::npos) << text;
  // The refused member gets nothing.
  ASSERT_TRUE(publish(b, "orders", {event("a", "x", "paid")}));
  run();
  EXPECT_EQ(got(m1).size() + got(m2).size(), 1u);
  EXPECT_TRUE(got(m3).empty());
  stop_broker(b);
  for (auto& m : {m1, m2, m3})
    caf::anon_send_exit(m, caf::exit_reason::kill);
}
