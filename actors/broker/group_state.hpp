#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "actors/broker/consume_messages.hpp"
#include "actors/broker/status_messages.hpp"
#include "runtime/events/envelope.hpp"
#include "runtime/events/type_filter.hpp"

#include "caf/error.hpp"

namespace actorbus::broker {

/// Settings of one consumer group on one topic.
struct group_settings {
  std::string group;
  std::string topic;
  int32_t partitions = 1;
  int64_t default_credit = 512;
  std::chrono::nanoseconds ack_timeout = std::chrono::seconds{30};
  int32_t max_attempts = 5;
  /// Events requested from a partition actor per fetch.
  int32_t fetch_batch = 256;
};

/// The delivery bookkeeping of one consumer group on one topic: members,
/// partition assignment, credit, in-flight events, redelivery, commits and
/// dead letters. Pure state (no actors, no sends): the coordinator actor
/// feeds it messages and executes what it asks for (`take_*`). Members are
/// identified by strings (the actor's printed address). Time is the
/// coordinator's monotonic clock, passed in.
///
/// ASSIGNMENT: partition p belongs to member (p mod n) of the members in
/// join order; one member per partition at a time. Every join, leave or
/// death reassigns; a partition that moves takes its unacked events back
/// from the old owner and redelivers them to the new one at once.
///
/// CREDIT: a member never has more than its credit of delivered, unacked
/// events (in-flight); taking events back frees its credit.
///
/// COMMITS: per partition `committed` is one past the contiguous prefix of
/// handled (acked or dead-lettered) offsets; `take_commits()` yields every
/// partition whose committed offset moved, for the offset store.
///
/// ORDER AND REDELIVERY GUARANTEE (per partition, per group):
///  1. First deliveries go out in offset order.
///  2. A failure of in-flight event o (nack, ack timeout, death of its
///     member) takes back o and every unacked in-flight event after it
///     ("go back"); they are redelivered in offset order, with attempt+1,
///     no earlier than the nack's retry delay, and BEFORE any event of the
///     partition that the group has not seen yet. A member move takes back
///     the same way (from its lowest in-flight event) without delay.
///  3. An ack is accepted for any unacked event, also after it was taken
///     back; an event acked before its redelivery is not redelivered.
///     So an event processed by a member that was slow (timeout) or lost
///     its partition may be processed again after later events were
///     (at-least-once). Consumers built with consumer_actor skip later
///     events of a partition after a nack until the nacked one returns, so
///     after a nack their handlers see the partition in offset order.
///  4. Attempt = number of deliveries of the event to this group. When an
///     event fails (nack, timeout, or it was the lowest in-flight event of a
///     dead member) on attempt >= max_attempts it is not redelivered but
///     handed to `take_dead_letters()`; once `dead_lettered()` confirms it
///     is stored in `<topic>.dlq` it counts as handled.
class group_state {
public:
  using time_point = std::chrono::steady_clock::time_point;

  /// An event to send to a member.
  struct outgoing {
    std::string member;
    std::vector<delivery> deliveries;
  };

  /// A partition that wants more events from its partition actor.
  struct fetch_need {
    int32_t partition = 0;
    int64_t from = 0;
    int32_t max_events = 0;
    uint64_t epoch = 0;
  };

  /// An event to publish to `<topic>.dlq`, with its dlq.* headers set.
  struct dead_letter {
    int32_t partition = 0;
    int64_t offset = 0;
    events::envelope letter;
  };

  explicit group_state(group_settings settings);

  const group_settings& settings() const noexcept { return settings_; }

  // -- membership ------------------------------------------------------------

  /// Adds a member (a rejoin of a known member only updates its credit);
  /// returns the member's effective credit.
  int64_t join(const std::string& member, int64_t credit, time_point now);

  /// Removes a member; `died` counts a failure for the lowest in-flight
  /// event of each of its partitions (it may have killed the member).
  void leave(const std::string& member, bool died, time_point now);

  bool has_member(const std::string& member) const;

  // -- type filter -----------------------------------------------------------

  /// The event types the group takes (empty: all), sent with every fetch;
  /// the partition passes over the rest and the commit moves past them.
  const events::type_filter& filter() const noexcept { return filter_; }

  /// Sets the filter a joining `member` asks for. Fails with
  /// errc::invalid_argument (naming both filters) when another member is
  /// present and the filter differs. A change applies from the first event
  /// neither delivered nor passed over yet: fetched, undelivered events are
  /// fetched again, replies to fetches under the old filter are dropped.
  caf::error set_filter(const std::string& member, events::type_filter filter);
  size_t members() const noexcept { return members_.size(); }

  /// The partitions owned by `member`, sorted.
  std::vector<int32_t> assignment(const std::string& member) const;

  // -- offsets ---------------------------------------------------------------

  /// Whether the partition's starting offset is known yet.
  bool ready(int32_t partition) const;

  /// Sets where the partition starts (committed offset or resolved start
  /// position) and discards everything in flight or buffered for it; late
  /// acks of discarded events are ignored. Used at start and for resets.
  void reset(int32_t partition, int64_t offset);

  int64_t committed(int32_t partition) const;

  /// Partitions whose committed offset moved since the last call, with the
  /// new offset.
  std::vector<std::pair<int32_t, int64_t>> take_commits();

  // -- fetching --------------------------------------------------------------

  /// Partitions that are ready, owned, not already fetching and low on
  /// buffered events; marks them as fetching.
  std::vector<fetch_need> take_fetch_needs();

  /// The reply to a fetch; stale replies (other epoch) are dropped. `next`:
  /// the first offset the partition did not examine (events below it that
  /// are not in `evs` were passed over by the filter); -1 if not known.
  void fetched(int32_t partition, uint64_t epoch,
               std::vector<events::envelope> evs, int64_t end_offset,
               int64_t next = -1);

  /// A fetch failed; the partition may fetch again.
  void fetch_failed(int32_t partition, uint64_t epoch);

  // -- delivery --------------------------------------------------------------

  /// Deliveries that are due now, within every member's credit.
  std::vector<outgoing> take_deliveries(time_point now);

  void ack(const std::vector<event_ref>& refs);

  void nack(const event_ref& ref, std::chrono::nanoseconds retry_delay,
            const std::string& error, time_point now);

  /// Fails every in-flight event whose ack deadline passed.
  void expire(time_point now);

  /// The next time something becomes due (ack deadline or end of a retry
  /// delay), if any.
  std::optional<time_point> next_wakeup() const;

  // -- dead letters ----------------------------------------------------------

  std::vector<dead_letter> take_dead_letters();

  /// The letter for (partition, offset) is stored; the event is handled.
  void dead_lettered(int32_t partition, int64_t offset);

  /// Storing the letter failed; it will be handed out again.
  void dead_letter_failed(int32_t partition, int64_t offset);

  // -- status ----------------------------------------------------------------

  group_status status() const;

  int64_t in_flight(const std::string& member) const;

private:
  enum class slot_state { in_flight, waiting, acked, dead };

  struct slot {
    events::envelope event;
    slot_state state = slot_state::in_flight;
    std::string member;
    int32_t attempt = 0;
    time_point deadline{};
    std::string last_error;
  };

  struct cursor {
    bool ready = false;
    std::string owner;
    int64_t committed = 0;
    bool commit_dirty = false;
    /// Delivered, not yet handled events: offsets in [committed, next).
    std::map<int64_t, slot> slots;
    /// Offsets of the slots in state `waiting` (taken back, not yet
    /// redelivered), so that the next redelivery is found in O(log n).
    std::set<int64_t> waiting;
    /// Fetched events not yet delivered, in offset order.
    std::deque<events::envelope> buffer;
    /// Next offset to fetch.
    int64_t fetch_from = 0;
    /// One past the last event delivered for the first time (or the reset
    /// offset): the events between it and the next first delivery were
    /// passed over by the filter (delivery::skipped).
    int64_t delivered_end = 0;
    bool fetching = false;
    uint64_t epoch = 0;
    int64_t generation = 0;
    int64_t end_offset = 0;
    /// No redelivery before this time (nack retry delay).
    time_point hold_until{};
  };

  /// (ack deadline, partition, offset) of every in-flight slot.
  using deadline_key = std::tuple<time_point, int32_t, int64_t>;

  struct member_info {
    std::string id;
    int64_t credit = 0;
    int64_t in_flight = 0;
  };

  member_info* find_member(const std::string& id);
  void rebalance(time_point now);
  void take_back(int32_t partition, int64_t from_offset);
  void fail(int32_t partition, int64_t offset, bool count_failure,
            std::chrono::nanoseconds delay, const std::string& error,
            time_point now);
  void to_in_flight(int32_t partition, int64_t offset, slot& s,
                    member_info& m, time_point now);
  void release(int32_t partition, int64_t offset, slot& s);
  void push_letter(int32_t partition, int64_t offset, const slot& s);
  void advance_commit(cursor& c);
  bool deliver_one(int32_t partition, cursor& c, member_info& m, time_point now,
                   std::vector<delivery>& out);

  group_settings settings_;
  events::type_filter filter_;
  std::vector<member_info> members_;
  std::vector<cursor> cursors_;
  std::set<deadline_key> deadlines_;
  std::vector<dead_letter> dead_letters_;
  int64_t dead_lettered_ = 0;
  int64_t redelivered_ = 0;
};

} // namespace actorbus::broker
