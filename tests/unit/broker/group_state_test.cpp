#include <gtest/gtest.h>

#include "actors/broker/group_state.hpp"

using namespace std::chrono_literals;
using namespace actorbus;
using namespace actorbus::broker;

namespace {

using time_point = group_state::time_point;

group_settings settings(int32_t partitions, int64_t credit = 10,
                        int32_t max_attempts = 3) {
  group_settings s;
  s.group = "g";
  s.topic = "orders";
  s.partitions = partitions;
  s.default_credit = credit;
  s.ack_timeout = 10s;
  s.max_attempts = max_attempts;
  s.fetch_batch = 100;
  return s;
}

std::vector<events::envelope> make_events(int32_t partition, int64_t from,
                                          int64_t n) {
  std::vector<events::envelope> result;
  for (int64_t i = 0; i < n; ++i) {
    events::envelope ev;
    ev.topic = "orders";
    ev.partition = partition;
    ev.offset = from + i;
    result.push_back(ev);
  }
  return result;
}

// Starts all partitions at 0 and feeds `n` events into each.
void feed(group_state& g, int64_t n) {
  for (auto& need : g.take_fetch_needs())
    g.fetched(need.partition, need.epoch,
              make_events(need.partition, need.from, n), need.from + n);
}

std::vector<int64_t> offsets_of(const std::vector<delivery>& ds) {
  std::vector<int64_t> result;
  for (auto& d : ds)
    result.push_back(d.event.offset);
  return result;
}

struct GroupState : ::testing::Test {
  time_point now{};
};

} // namespace

TEST_F(GroupState, CreditWindowBoundsDeliveries) {
  group_state g{settings(1, 3)};
  g.reset(0, 0);
  g.join("a", 0, now);
  feed(g, 10);
  auto out = g.take_deliveries(now);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(offsets_of(out[0].deliveries), (std::vector<int64_t>{0, 1, 2}));
  EXPECT_TRUE(g.take_deliveries(now).empty());
  g.ack({{0, 0}});
  auto more = g.take_deliveries(now);
  ASSERT_EQ(more.size(), 1u);
  EXPECT_EQ(offsets_of(more[0].deliveries), (std::vector<int64_t>{3}));
  EXPECT_EQ(g.in_flight("a"), 3);
}

TEST_F(GroupState, AcksCommitContiguousPrefix) {
  group_state g{settings(1)};
  g.reset(0, 0);
  g.take_commits();
  g.join("a", 0, now);
  feed(g, 5);
  g.take_deliveries(now);
  g.ack({{0, 1}, {0, 2}});
  EXPECT_EQ(g.committed(0), 0);
  EXPECT_TRUE(g.take_commits().empty());
  g.ack({{0, 0}});
  EXPECT_EQ(g.committed(0), 3);
  auto commits = g.take_commits();
  ASSERT_EQ(commits.size(), 1u);
  EXPECT_EQ(commits[0], std::make_pair(int32_t{0}, int64_t{3}));
}

TEST_F(GroupState, PartitionsAreSharedAndRebalancedWithoutLoss) {
  group_state g{settings(4, 100)};
  for (int32_t p = 0; p < 4; ++p)
    g.reset(p, 0);
  g.join("a", 0, now);
  EXPECT_EQ(g.assignment("a"), (std::vector<int32_t>{0, 1, 2, 3}));
  feed(g, 2);
  auto first = g.take_deliveries(now);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].deliveries.size(), 8u);
  // b joins: partitions 1 and 3 move; their unacked events go to b at once.
  g.join("b", 0, now);
  EXPECT_EQ(g.assignment("a"), (std::vector<int32_t>{0, 2}));
  EXPECT_EQ(g.assignment("b"), (std::vector<int32_t>{1, 3}));
  EXPECT_EQ(g.in_flight("a"), 4);
  auto moved = g.take_deliveries(now);
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_EQ(moved[0].member, "b");
  EXPECT_EQ(moved[0].deliveries.size(), 4u);
  for (auto& d : moved[0].deliveries)
    EXPECT_EQ(d.attempt, 2);
  // b dies: everything it held goes back to a.
  g.leave("b", true, now);
  EXPECT_EQ(g.assignment("a"), (std::vector<int32_t>{0, 1, 2, 3}));
  auto back = g.take_deliveries(now);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].deliveries.size(), 4u);
  // Acking everything a holds commits everything.
  std::vector<event_ref> all;
  for (int32_t p = 0; p < 4; ++p)
    for (int64_t o = 0; o < 2; ++o)
      all.push_back({p, o});
  g.ack(all);
  for (int32_t p = 0; p < 4; ++p)
    EXPECT_EQ(g.committed(p), 2);
  EXPECT_EQ(g.in_flight("a"), 0);
}

TEST_F(GroupState, NackTakesBackLaterEventsAndHoldsForTheDelay) {
  group_state g{settings(1, 10)};
  g.reset(0, 0);
  g.join("a", 0, now);
  feed(g, 6);
  auto first = g.take_deliveries(now);
  EXPECT_EQ(offsets_of(first[0].deliveries),
            (std::vector<int64_t>{0, 1, 2, 3, 4, 5}));
  auto gen = first[0].deliveries[0].generation;
  g.ack({{0, 0}, {0, 1}});
  g.nack({0, 2}, 5s, "boom", now);
  // An ack that was already on its way still counts: 4 is not redelivered.
  g.ack({{0, 4}});
  EXPECT_TRUE(g.take_deliveries(now + 4s).empty());
  ASSERT_TRUE(g.next_wakeup());
  EXPECT_EQ(*g.next_wakeup(), now + 5s);
  auto again = g.take_deliveries(now + 5s);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(offsets_of(again[0].deliveries), (std::vector<int64_t>{2, 3, 5}));
  for (auto& d : again[0].deliveries) {
    EXPECT_EQ(d.attempt, 2);
    EXPECT_GT(d.generation, gen);
  }
  EXPECT_EQ(g.committed(0), 2);
}

TEST_F(GroupState, NewEventsWaitBehindRedeliveries) {
  group_state g{settings(1, 2)};
  g.reset(0, 0);
  g.join("a", 0, now);
  feed(g, 4);
  g.take_deliveries(now); // 0, 1
  g.nack({0, 1}, 1s, "later", now);
  g.ack({{0, 0}});
  // Credit is free, but 2 and 3 must not overtake the redelivery of 1.
  EXPECT_TRUE(g.take_deliveries(now).empty());
  auto out = g.take_deliveries(now + 1s);
  EXPECT_EQ(offsets_of(out[0].deliveries), (std::vector<int64_t>{1, 2}));
}

TEST_F(GroupState, AckTimeoutRedeliversWithAttemptNumbers) {
  group_state g{settings(1, 10, 5)};
  g.reset(0, 0);
  g.join("a", 0, now);
  feed(g, 2);
  g.take_deliveries(now);
  EXPECT_EQ(*g.next_wakeup(), now + 10s);
  g.expire(now + 9s);
  EXPECT_TRUE(g.take_deliveries(now + 9s).empty());
  g.expire(now + 10s);
  auto out = g.take_deliveries(now + 10s);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(offsets_of(out[0].deliveries), (std::vector<int64_t>{0, 1}));
  EXPECT_EQ(out[0].deliveries[0].attempt, 2);
  g.expire(now + 20s);
  auto third = g.take_deliveries(now + 20s);
  EXPECT_EQ(third[0].deliveries[0].attempt, 3);
}

TEST_F(GroupState, DeadLetterAfterMaxAttemptsWithHeaders) {
  group_state g{settings(1, 10, 2)};
  g.reset(0, 0);
  g.join("a", 0, now);
  feed(g, 2);
  g.take_deliveries(now);
  g.nack({0, 0}, 0s, "bad data", now);
  auto second = g.take_deliveries(now);
  EXPECT_EQ(offsets_of(second[0].deliveries), (std::vector<int64_t>{0, 1}));
  g.nack({0, 0}, 0s, "still bad", now);
  auto letters = g.take_dead_letters();
  ASSERT_EQ(letters.size(), 1u);
  auto& h = letters[0].letter.headers;
  EXPECT_EQ(letters[0].letter.topic, "orders.dlq");
  EXPECT_EQ(h.at("dlq.group"), "g");
  EXPECT_EQ(h.at("dlq.topic"), "orders");
  EXPECT_EQ(h.at("dlq.partition"), "0");
  EXPECT_EQ(h.at("dlq.offset"), "0");
  EXPECT_EQ(h.at("dlq.attempts"), "2");
  EXPECT_EQ(h.at("dlq.error"), "still bad");
  // Not committed until the letter is stored, then counted as handled.
  EXPECT_EQ(g.committed(0), 0);
  // The event after it is redelivered (it was taken back).
  auto rest = g.take_deliveries(now);
  EXPECT_EQ(offsets_of(rest[0].deliveries), (std::vector<int64_t>{1}));
  g.ack({{0, 1}});
  EXPECT_EQ(g.committed(0), 0);
  g.dead_letter_failed(0, 0);
  EXPECT_EQ(g.take_dead_letters().size(), 1u);
  g.dead_lettered(0, 0);
  EXPECT_EQ(g.committed(0), 2);
  EXPECT_EQ(g.status().dead_lettered, 1);
}

TEST_F(GroupState, DeathCountsAFailureForTheLowestInFlightEvent) {
  group_state g{settings(1, 10, 1)};
  g.reset(0, 0);
  g.join("a", 0, now);
  feed(g, 3);
  g.take_deliveries(now);
  g.leave("a", true, now);
  auto letters = g.take_dead_letters();
  ASSERT_EQ(letters.size(), 1u);
  EXPECT_EQ(letters[0].offset, 0);
  EXPECT_EQ(letters[0].letter.headers.at("dlq.error"), "member died");
  g.join("b", 0, now);
  auto out = g.take_deliveries(now);
  EXPECT_EQ(offsets_of(out[0].deliveries), (std::vector<int64_t>{1, 2}));
}

TEST_F(GroupState, ResetDiscardsInFlightAndRestartsAtOffset) {
  group_state g{settings(1, 10)};
  g.reset(0, 0);
  g.join("a", 0, now);
  feed(g, 5);
  g.take_deliveries(now);
  g.ack({{0, 0}, {0, 1}, {0, 2}});
  EXPECT_EQ(g.committed(0), 3);
  g.reset(0, 1);
  EXPECT_EQ(g.in_flight("a"), 0);
  EXPECT_EQ(g.committed(0), 1);
  auto needs = g.take_fetch_needs();
  ASSERT_EQ(needs.size(), 1u);
  EXPECT_EQ(needs[0].from, 1);
  // A stale fetch reply (old epoch) is ignored.
  g.fetched(0, needs[0].epoch - 1, make_events(0, 3, 2), 5);
  g.fetched(0, needs[0].epoch, make_events(0, 1, 4), 5);
  auto out = g.take_deliveries(now);
  EXPECT_EQ(offsets_of(out[0].deliveries), (std::vector<int64_t>{1, 2, 3, 4}));
  for (auto& d : out[0].deliveries)
    EXPECT_EQ(d.attempt, 1);
}

TEST_F(GroupState, NoDeliveryWithoutMembersOrStartOffset) {
  group_state g{settings(2)};
  g.join("a", 0, now);
  EXPECT_TRUE(g.take_fetch_needs().empty());
  g.reset(1, 7);
  auto needs = g.take_fetch_needs();
  ASSERT_EQ(needs.size(), 1u);
  EXPECT_EQ(needs[0].partition, 1);
  EXPECT_EQ(needs[0].from, 7);
  auto st = g.status();
  EXPECT_EQ(st.members.size(), 1u);
  EXPECT_EQ(st.partitions[1].committed, 7);
}

TEST_F(GroupState, FilteredFetchesCommitPastWhatThePartitionPassedOver) {
  group_state g{settings(1)};
  ASSERT_FALSE(g.set_filter("a", events::type_filter{{"paid"}}));
  g.reset(0, 0);
  g.take_commits();
  g.join("a", 0, now);
  // The partition examined 0..9 and returned the paid events 2 and 6.
  auto needs = g.take_fetch_needs();
  ASSERT_EQ(needs.size(), 1u);
  auto evs = make_events(0, 0, 10);
  std::vector<events::envelope> paid{evs[2], evs[6]};
  g.fetched(0, needs[0].epoch, paid, 10, 10);
  auto out = g.take_deliveries(now);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_EQ(out[0].deliveries.size(), 2u);
  EXPECT_EQ(out[0].deliveries[0].skipped, 2);
  EXPECT_EQ(out[0].deliveries[1].skipped, 3);
  g.ack({{0, 2}});
  EXPECT_EQ(g.committed(0), 6);
  g.ack({{0, 6}});
  EXPECT_EQ(g.committed(0), 10) << "past the trailing passed-over events";
  // A reply with nothing to deliver still moves the commit.
  needs = g.take_fetch_needs();
  ASSERT_EQ(needs.size(), 1u);
  EXPECT_EQ(needs[0].from, 10);
  g.fetched(0, needs[0].epoch, {}, 15, 15);
  EXPECT_EQ(g.committed(0), 15);
  // The next first delivery counts the skipped events from the last one.
  needs = g.take_fetch_needs();
  g.fetched(0, needs[0].epoch, make_events(0, 17, 1), 18, 18);
  out = g.take_deliveries(now);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].deliveries[0].skipped, 10);
}

TEST_F(GroupState, FilterChangesOnlyWithoutOtherMembers) {
  group_state g{settings(1)};
  g.reset(0, 0);
  EXPECT_FALSE(g.set_filter("a", events::type_filter{{"paid"}}));
  g.join("a", 0, now);
  // The only member may change it; fetched, undelivered events are fetched
  // again under the new filter, and the old fetch's reply is dropped.
  auto needs = g.take_fetch_needs();
  ASSERT_EQ(needs.size(), 1u);
  EXPECT_FALSE(g.set_filter("a", events::type_filter{{"created"}}));
  g.fetched(0, needs[0].epoch, make_events(0, 0, 3), 3, 3);
  EXPECT_TRUE(g.take_deliveries(now).empty());
  needs = g.take_fetch_needs();
  ASSERT_EQ(needs.size(), 1u);
  EXPECT_EQ(needs[0].from, 0);
  g.join("b", 0, now);
  auto err = g.set_filter("c", events::type_filter{{"paid"}});
  ASSERT_TRUE(err);
  EXPECT_EQ(g.filter(), events::type_filter{{"created"}});
  EXPECT_FALSE(g.set_filter("c", events::type_filter{{"created"}}));
}
