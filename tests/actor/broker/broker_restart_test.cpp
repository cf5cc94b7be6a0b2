// Broker tests across a restart on the same (in-memory) data dir: producer
// dedup, group offsets, topics created on first use, the dlq replay
// position.

#include "tests/actor/broker/broker_fixture.hpp"

#include <algorithm>

#include "actors/broker/offsets_actor.hpp"
#include "runtime/log/partition_log.hpp"
#include "runtime/errc.hpp"

using namespace std::chrono_literals;
using namespace actorbus;
using namespace actorbus::broker;

namespace {

using BrokerTest = actorbus::test::broker_fixture;
using actorbus::test::recorder;
using actorbus::test::refs_of;

} // namespace

TEST_F(BrokerTest, IdempotentProducerDedupAlsoAfterRestart) {
  auto b = start_broker();
  auto ev1 = event("k");
  ev1.producer_id = "p1";
  ev1.sequence = 0;
  ev1.partition = 0;
  auto ev2 = ev1;
  ev2.sequence = 1;
  auto first = publish(b, "orders", {ev1, ev2});
  ASSERT_TRUE(first);
  auto retry = publish(b, "orders", {ev1, ev2});
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->offsets, first->offsets);
  stop_broker(b);
  auto b2 = start_broker();
  auto after = publish(b2, "orders", {ev2});
  ASSERT_TRUE(after);
  EXPECT_EQ(after->offsets[0], first->offsets[1]);
  auto st = ask<broker_status>(b2, status_request{});
  for (auto& t : st->topics) {
    if (t.topic == "orders") {
      EXPECT_EQ(t.partitions[0].end_offset, 2);
    }
  }
  auto gap = ev1;
  gap.sequence = 5;
  auto bad = publish(b2, "orders", {gap});
  ASSERT_FALSE(bad);
  EXPECT_TRUE(has_code(bad.error(), errc::sequence_gap));
  stop_broker(b2);
}

TEST_F(BrokerTest, RestartResumesGroupsFromCommittedOffsets) {
  auto b = start_broker();
  auto m = sys.spawn(recorder, true);
  join(b, m, "g", 10);
  ASSERT_TRUE(publish(b, "orders", {event("a"), event("b"), event("c")}));
  run();
  ASSERT_EQ(got(m).size(), 3u);
  stop_broker(b);
  caf::anon_send_exit(m, caf::exit_reason::kill);
  run();
  auto b2 = start_broker();
  ASSERT_TRUE(publish(b2, "orders", {event("d")}));
  auto m2 = sys.spawn(recorder, true);
  join(b2, m2, "g", 10);
  run();
  ASSERT_EQ(got(m2).size(), 1u);
  EXPECT_EQ(got(m2)[0].event.key, "d");
  stop_broker(b2);
  caf::anon_send_exit(m2, caf::exit_reason::kill);
}

TEST_F(BrokerTest, RestartReopensTopicsCreatedOnFirstUse) {
  opts.default_partitions = 3;
  auto b = start_broker();
  std::vector<events::envelope> evs;
  for (auto key : {"a", "b", "c", "d", "e", "f"})
    evs.push_back(event(key));
  auto first = publish(b, "invoices", evs);
  ASSERT_TRUE(first) << render(first.error());
  stop_broker(b);
  // The defaults changed since the topic was created on first use.
  opts.default_partitions = 5;
  auto b2 = start_broker();
  auto status = ask<broker::broker_status>(b2, broker::status_request{});
  ASSERT_TRUE(status);
  auto known = std::find_if(status->topics.begin(), status->topics.end(),
                            [](auto& t) { return t.topic == "invoices"; });
  ASSERT_NE(known, status->topics.end())
    << "the topic is open again before anyone asks for it";
  EXPECT_EQ(known->partitions.size(), 3u);
  auto meta = ask<broker::topic_metadata>(
    b2, broker::topic_metadata_request{"invoices"});
  ASSERT_TRUE(meta);
  EXPECT_EQ(meta->partitions, 3);
  // Same key, same partition as before the restart; offsets continue.
  auto again = publish(b2, "invoices", evs);
  ASSERT_TRUE(again) << render(again.error());
  EXPECT_EQ(again->partitions, first->partitions);
  for (size_t i = 0; i < evs.size(); ++i)
    EXPECT_GT(again->offsets[i], first->offsets[i]);
  stop_broker(b2);
}

TEST_F(BrokerTest, DlqReplayPositionIsDurableAcrossRestarts) {
  auto b = start_broker();
  auto m = sys.spawn(recorder, false);
  auto coord = join(b, m, "g", 10);
  auto dead_letter = [&](const caf::actor& c, const std::string& key) {
    auto before = got(m).size();
    ASSERT_TRUE(publish(b, "orders", {event(key)}));
    run();
    for (int attempt = 1; attempt <= 3; ++attempt) {
      ASSERT_EQ(got(m).size(), before + static_cast<size_t>(attempt));
      self->send(c, nack_msg{m, refs_of(got(m)).back(), 0s, "bad"});
      run();
    }
  };
  dead_letter(coord, "poison-1");
  auto first = ask<replay_result>(b, replay_dlq_request{"orders", {}, 100});
  ASSERT_TRUE(first) << render(first.error());
  EXPECT_EQ(first->replayed, 1);
  auto second = ask<replay_result>(b, replay_dlq_request{"orders", {}, 100});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->replayed, 0) << "the position was committed";
  stop_broker(b);
  caf::anon_send_exit(m, caf::exit_reason::kill);
  run();
  b = start_broker();
  auto after_restart
    = ask<replay_result>(b, replay_dlq_request{"orders", {}, 100});
  ASSERT_TRUE(after_restart);
  EXPECT_EQ(after_restart->replayed, 0) << "nothing is replayed twice";
  m = sys.spawn(recorder, false);
  coord = join(b, m, "g2", 10, start_position{start_position::latest, 0});
  run();
  ASSERT_TRUE(got(m).empty());
  dead_letter(coord, "poison-2");
  auto next = ask<replay_result>(b, replay_dlq_request{"orders", {}, 100});
  ASSERT_TRUE(next);
  EXPECT_EQ(next->replayed, 1) << "only the new letter";
  stop_broker(b);
  caf::anon_send_exit(m, caf::exit_reason::kill);
}

TEST_F(BrokerTest, OffsetCommitsWithinTheFlushDelayShareOneSnapshot) {
  auto offs = sys.spawn(offsets_actor, &fs, std::string{"/data/o"},
                        log::durability::always, caf::timespan{10ms});
  run();
  auto syncs = fs.syncs();
  std::vector<int64_t> sent{5, 6, 7};
  for (int32_t p = 0; p < 3; ++p)
    self->send(offs, commit_request{"g", "orders", {p}, {sent[p]}});
  run();
  EXPECT_EQ(fs.syncs(), syncs) << "no snapshot before the delay";
  EXPECT_TRUE(self->mailbox().empty()) << "no commit answered yet";
  advance(10ms);
  EXPECT_EQ(self->mailbox().size(), 3u) << "all three answered";
  auto one_snapshot = fs.syncs() - syncs;
  EXPECT_GE(one_snapshot, 1u);
  EXPECT_LE(one_snapshot, 2u) << "file sync and at most one directory sync";
  auto committed
    = ask<std::vector<int64_t>>(offs, committed_request{"g", "orders", 3});
  ASSERT_TRUE(committed);
  EXPECT_EQ(*committed, sent);
  caf::anon_send_exit(offs, caf::exit_reason::user_shutdown);
  run();
}

TEST_F(BrokerTest, PartitionWhoseLogCannotOpenAnswersEveryRequestWithTheError) {
  auto base = topic_table::defaults_from(opts);
  ASSERT_TRUE(base);
  auto t = *base;
  t.name = "orders";
  t.partitions = 1;
  t.segment_bytes = 4096;
  topics.push_back(t);
  auto b = start_broker();
  for (int i = 0; i < 10; ++i) {
    std::vector<events::envelope> evs;
    for (int j = 0; j < 10; ++j)
      evs.push_back(event("k", std::string(100, 'x')));
    ASSERT_TRUE(publish(b, "orders", evs));
  }
  stop_broker(b);
  // Flip a byte inside the first (sealed) segment.
  auto seg = log::join_path(log::partition_dir("/data", "orders", 0), "0.log");
  auto bytes = fs.contents(seg);
  ASSERT_GT(bytes.size(), 2000u);
  bytes[1000] ^= 0x5a;
  fs.set_contents(seg, bytes);
  auto b2 = start_broker();
  // The publish reaches the partition while its io worker opens the log; it
  // waits for the outcome and gets the open error.
  auto res = publish(b2, "orders", {event("k")});
  ASSERT_FALSE(res);
  EXPECT_TRUE(has_code(res.error(), errc::corrupted_log)) << render(res.error());
  auto again = publish(b2, "orders", {event("k")});
  ASSERT_FALSE(again);
  EXPECT_TRUE(has_code(again.error(), errc::corrupted_log));
  stop_broker(b2);
}
