// group_state: delivery, acks, redelivery and dead letters (see the
// ORDER AND REDELIVERY GUARANTEE in group_state.hpp). Every transition of a
// slot into or out of `in_flight` goes through to_in_flight / release, which
// keep the member's credit and the deadline index in step; every transition
// into or out of `waiting` updates the cursor's waiting set.

#include "actors/broker/group_state.hpp"

#include <algorithm>

#include "actors/broker/topic_table.hpp"

namespace actorbus::broker {

void group_state::to_in_flight(int32_t partition, int64_t offset, slot& s,
                               member_info& m, time_point now) {
  s.state = slot_state::in_flight;
  s.member = m.id;
  s.deadline = now + settings_.ack_timeout;
  ++m.in_flight;
  deadlines_.emplace(s.deadline, partition, offset);
}

void group_state::release(int32_t partition, int64_t offset, slot& s) {
  if (auto m = find_member(s.member))
    --m->in_flight;
  s.member.clear();
  deadlines_.erase(deadline_key{s.deadline, partition, offset});
}

bool group_state::deliver_one(int32_t partition, cursor& c, member_info& m,
                              time_point now, std::vector<delivery>& out) {
  if (!c.ready)
    return false;
  if (!c.waiting.empty()) {
    if (now < c.hold_until)
      return false;
    auto offset = *c.waiting.begin();
    c.waiting.erase(c.waiting.begin());
    auto& s = c.slots.at(offset);
    to_in_flight(partition, offset, s, m, now);
    ++s.attempt;
    ++redelivered_;
    out.push_back(delivery{s.event, s.attempt, c.generation});
    return true;
  }
  if (c.buffer.empty())
    return false;
  auto ev = std::move(c.buffer.front());
  c.buffer.pop_front();
  auto offset = ev.offset;
  auto skipped = std::max<int64_t>(offset - c.delivered_end, 0);
  c.delivered_end = offset + 1;
  auto& s = c.slots[offset];
  s.event = std::move(ev);
  s.attempt = 1;
  to_in_flight(partition, offset, s, m, now);
  out.push_back(delivery{s.event, 1, c.generation, skipped});
  return true;
}

std::vector<group_state::outgoing>
group_state::take_deliveries(time_point now) {
  std::vector<outgoing> result;
  for (auto& m : members_) {
    auto owned = assignment(m.id);
    std::vector<delivery> out;
    bool progress = true;
    // Round robin over the member's partitions, one event each per round.
    while (progress && m.in_flight < m.credit) {
      progress = false;
      for (auto p : owned) {
        if (m.in_flight >= m.credit)
          break;
        if (deliver_one(p, cursors_[static_cast<size_t>(p)], m, now, out))
          progress = true;
      }
    }
    if (!out.empty())
      result.push_back(outgoing{m.id, std::move(out)});
  }
  return result;
}

void group_state::take_back(int32_t partition, int64_t from_offset) {
  auto& c = cursors_.at(static_cast<size_t>(partition));
  for (auto i = c.slots.lower_bound(from_offset); i != c.slots.end(); ++i) {
    if (i->second.state == slot_state::in_flight) {
      release(partition, i->first, i->second);
      i->second.state = slot_state::waiting;
      c.waiting.insert(i->first);
    }
  }
  ++c.generation;
}

void group_state::fail(int32_t partition, int64_t offset, bool count_failure,
                       std::chrono::nanoseconds delay, const std::string& error,
                       time_point now) {
  auto& c = cursors_.at(static_cast<size_t>(partition));
  auto i = c.slots.find(offset);
  if (i == c.slots.end() || i->second.state != slot_state::in_flight)
    return;
  auto& s = i->second;
  s.last_error = error;
  if (count_failure && s.attempt >= settings_.max_attempts) {
    release(partition, offset, s);
    s.state = slot_state::dead;
    push_letter(partition, offset, s);
    take_back(partition, offset + 1);
    return;
  }
  take_back(partition, offset);
  c.hold_until = std::max(c.hold_until, now + delay);
}

void group_state::ack(const std::vector<event_ref>& refs) {
  for (auto& ref : refs) {
    if (ref.partition < 0
        || static_cast<size_t>(ref.partition) >= cursors_.size())
      continue;
    auto& c = cursors_[static_cast<size_t>(ref.partition)];
    auto i = c.slots.find(ref.offset);
    if (i == c.slots.end())
      continue;
    auto& s = i->second;
    if (s.state == slot_state::in_flight)
      release(ref.partition, ref.offset, s);
    else if (s.state == slot_state::waiting)
      c.waiting.erase(ref.offset);
    else
      continue;
    s.state = slot_state::acked;
    advance_commit(c);
  }
}

void group_state::nack(const event_ref& ref,
                       std::chrono::nanoseconds retry_delay,
                       const std::string& error, time_point now) {
  if (ref.partition < 0
      || static_cast<size_t>(ref.partition) >= cursors_.size())
    return;
  fail(ref.partition, ref.offset, true, retry_delay, error, now);
}

void group_state::expire(time_point now) {
  // Each fail() takes the expired slot out of in_flight (and so out of the
  // index), so this loop ends.
  while (!deadlines_.empty() && std::get<0>(*deadlines_.begin()) <= now) {
    auto [deadline, partition, offset] = *deadlines_.begin();
    fail(partition, offset, true, std::chrono::nanoseconds{0}, "ack timeout",
         now);
    // Defensive: an entry without an in-flight slot must not spin.
    deadlines_.erase(deadline_key{deadline, partition, offset});
  }
}

std::optional<group_state::time_point> group_state::next_wakeup() const {
  std::optional<time_point> result;
  if (!deadlines_.empty())
    result = std::get<0>(*deadlines_.begin());
  for (auto& c : cursors_)
    if (!c.owner.empty() && !c.waiting.empty()
        && (!result || c.hold_until < *result))
      result = c.hold_until;
  return result;
}

// -- dead letters -------------------------------------------------------------

std::vector<group_state::dead_letter> group_state::take_dead_letters() {
  return std::exchange(dead_letters_, {});
}

void group_state::dead_lettered(int32_t partition, int64_t offset) {
  auto& c = cursors_.at(static_cast<size_t>(partition));
  auto i = c.slots.find(offset);
  if (i == c.slots.end() || i->second.state != slot_state::dead)
    return;
  i->second.state = slot_state::acked;
  ++dead_lettered_;
  advance_commit(c);
}

void group_state::dead_letter_failed(int32_t partition, int64_t offset) {
  auto& c = cursors_.at(static_cast<size_t>(partition));
  auto i = c.slots.find(offset);
  if (i == c.slots.end() || i->second.state != slot_state::dead)
    return;
  push_letter(partition, offset, i->second);
}

void group_state::push_letter(int32_t partition, int64_t offset,
                              const slot& s) {
  auto letter = s.event;
  letter.topic = dlq_topic(settings_.topic);
  letter.partition = -1;
  letter.offset = -1;
  letter.producer_id.clear();
  letter.sequence = -1;
  letter.headers[events::header::dlq_group] = settings_.group;
  letter.headers[events::header::dlq_topic] = settings_.topic;
  letter.headers[events::header::dlq_partition] = std::to_string(partition);
  letter.headers[events::header::dlq_offset] = std::to_string(offset);
  letter.headers[events::header::dlq_attempts] = std::to_string(s.attempt);
  letter.headers[events::header::dlq_error] = s.last_error;
  dead_letters_.push_back(dead_letter{partition, offset, std::move(letter)});
}

} // namespace actorbus::broker
