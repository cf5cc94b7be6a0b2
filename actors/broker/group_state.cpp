#include "actors/broker/group_state.hpp"

#include <algorithm>

#include "actors/broker/topic_table.hpp"

namespace actorbus::broker {

group_state::group_state(group_settings settings)
  : settings_(std::move(settings)) {
  cursors_.resize(static_cast<size_t>(std::max(settings_.partitions, 1)));
}

// -- membership ---------------------------------------------------------------

group_state::member_info* group_state::find_member(const std::string& id) {
  for (auto& m : members_)
    if (m.id == id)
      return &m;
  return nullptr;
}

bool group_state::has_member(const std::string& member) const {
  return std::any_of(members_.begin(), members_.end(),
                     [&](const member_info& m) { return m.id == member; });
}

int64_t group_state::join(const std::string& member, int64_t credit,
                          time_point now) {
  auto effective = credit > 0 ? credit : settings_.default_credit;
  if (auto m = find_member(member)) {
    m->credit = effective;
    return effective;
  }
  members_.push_back(member_info{member, effective, 0});
  rebalance(now);
  return effective;
}

void group_state::leave(const std::string& member, bool died, time_point now) {
  if (find_member(member) == nullptr)
    return;
  for (size_t p = 0; p < cursors_.size(); ++p) {
    auto& c = cursors_[p];
    auto i = std::find_if(c.slots.begin(), c.slots.end(), [&](auto& kvp) {
      return kvp.second.state == slot_state::in_flight
             && kvp.second.member == member;
    });
    if (i == c.slots.end())
      continue;
    auto partition = static_cast<int32_t>(p);
    if (died)
      fail(partition, i->first, true, std::chrono::nanoseconds{0},
           "member died", now);
    else
      take_back(partition, i->first);
  }
  members_.erase(std::remove_if(members_.begin(), members_.end(),
                                [&](auto& m) { return m.id == member; }),
                 members_.end());
  rebalance(now);
}

std::vector<int32_t> group_state::assignment(const std::string& member) const {
  std::vector<int32_t> result;
  for (size_t p = 0; p < cursors_.size(); ++p)
    if (cursors_[p].owner == member)
      result.push_back(static_cast<int32_t>(p));
  return result;
}

void group_state::rebalance(time_point) {
  for (size_t p = 0; p < cursors_.size(); ++p) {
    auto& c = cursors_[p];
    std::string owner;
    if (!members_.empty())
      owner = members_[p % members_.size()].id;
    if (owner == c.owner)
      continue;
    auto i = std::find_if(c.slots.begin(), c.slots.end(), [](auto& kvp) {
      return kvp.second.state == slot_state::in_flight;
    });
    if (i != c.slots.end())
      take_back(static_cast<int32_t>(p), i->first);
    c.owner = std::move(owner);
  }
}

// -- offsets ------------------------------------------------------------------

bool group_state::ready(int32_t partition) const {
  return cursors_.at(static_cast<size_t>(partition)).ready;
}

void group_state::reset(int32_t partition, int64_t offset) {
  auto& c = cursors_.at(static_cast<size_t>(partition));
  for (auto& kvp : c.slots)
    if (kvp.second.state == slot_state::in_flight)
      release(kvp.second);
  c.slots.clear();
  c.buffer.clear();
  dead_letters_.erase(std::remove_if(dead_letters_.begin(), dead_letters_.end(),
                                     [&](const dead_letter& x) {
                                       return x.partition == partition;
                                     }),
                      dead_letters_.end());
  c.committed = offset;
  c.commit_dirty = true;
  c.fetch_from = offset;
  c.fetching = false;
  ++c.epoch;
  ++c.generation;
  c.ready = true;
}

int64_t group_state::committed(int32_t partition) const {
  return cursors_.at(static_cast<size_t>(partition)).committed;
}

std::vector<std::pair<int32_t, int64_t>> group_state::take_commits() {
  std::vector<std::pair<int32_t, int64_t>> result;
  for (size_t p = 0; p < cursors_.size(); ++p) {
    auto& c = cursors_[p];
    if (c.commit_dirty) {
      c.commit_dirty = false;
      result.emplace_back(static_cast<int32_t>(p), c.committed);
    }
  }
  return result;
}

void group_state::advance_commit(cursor& c) {
  while (!c.slots.empty() && c.slots.begin()->second.state == slot_state::acked)
    c.slots.erase(c.slots.begin());
  int64_t next;
  if (!c.slots.empty())
    next = c.slots.begin()->first;
  else if (!c.buffer.empty())
    next = c.buffer.front().offset;
  else
    next = c.fetch_from;
  if (next != c.committed) {
    c.committed = next;
    c.commit_dirty = true;
  }
}

// -- fetching -----------------------------------------------------------------

std::vector<group_state::fetch_need> group_state::take_fetch_needs() {
  std::vector<fetch_need> result;
  auto batch = static_cast<size_t>(std::max(settings_.fetch_batch, 1));
  for (size_t p = 0; p < cursors_.size(); ++p) {
    auto& c = cursors_[p];
    if (!c.ready || c.owner.empty() || c.fetching || c.buffer.size() >= batch)
      continue;
    c.fetching = true;
    result.push_back(fetch_need{static_cast<int32_t>(p), c.fetch_from,
                                static_cast<int32_t>(batch - c.buffer.size()),
                                c.epoch});
  }
  return result;
}

void group_state::fetched(int32_t partition, uint64_t epoch,
                          std::vector<events::envelope> evs,
                          int64_t end_offset) {
  auto& c = cursors_.at(static_cast<size_t>(partition));
  if (epoch != c.epoch)
    return;
  c.fetching = false;
  c.end_offset = std::max(c.end_offset, end_offset);
  for (auto& ev : evs) {
    if (ev.offset < c.fetch_from)
      continue;
    c.fetch_from = ev.offset + 1;
    c.buffer.push_back(std::move(ev));
  }
}

void group_state::fetch_failed(int32_t partition, uint64_t epoch) {
  auto& c = cursors_.at(static_cast<size_t>(partition));
  if (epoch == c.epoch)
    c.fetching = false;
}

// -- delivery -----------------------------------------------------------------

bool group_state::has_waiting(const cursor& c) const {
  return std::any_of(c.slots.begin(), c.slots.end(), [](auto& kvp) {
    return kvp.second.state == slot_state::waiting;
  });
}

bool group_state::deliver_one(int32_t, cursor& c, member_info& m,
                              time_point now, std::vector<delivery>& out) {
  if (!c.ready)
    return false;
  auto deadline = now + settings_.ack_timeout;
  auto i = std::find_if(c.slots.begin(), c.slots.end(), [](auto& kvp) {
    return kvp.second.state == slot_state::waiting;
  });
  if (i != c.slots.end()) {
    if (now < c.hold_until)
      return false;
    auto& s = i->second;
    s.state = slot_state::in_flight;
    s.member = m.id;
    s.deadline = deadline;
    ++s.attempt;
    ++m.in_flight;
    ++redelivered_;
    out.push_back(delivery{s.event, s.attempt, c.generation});
    return true;
  }
  if (c.buffer.empty())
    return false;
  auto ev = std::move(c.buffer.front());
  c.buffer.pop_front();
  auto offset = ev.offset;
  auto& s = c.slots[offset];
  s.event = std::move(ev);
  s.state = slot_state::in_flight;
  s.member = m.id;
  s.attempt = 1;
  s.deadline = deadline;
  ++m.in_flight;
  out.push_back(delivery{s.event, 1, c.generation});
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

void group_state::release(slot& s) {
  if (auto m = find_member(s.member))
    --m->in_flight;
  s.member.clear();
}

void group_state::take_back(int32_t partition, int64_t from_offset) {
  auto& c = cursors_.at(static_cast<size_t>(partition));
  for (auto i = c.slots.lower_bound(from_offset); i != c.slots.end(); ++i) {
    if (i->second.state == slot_state::in_flight) {
      release(i->second);
      i->second.state = slot_state::waiting;
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
    release(s);
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
      release(s);
    if (s.state == slot_state::in_flight || s.state == slot_state::waiting)
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
  for (size_t p = 0; p < cursors_.size(); ++p) {
    auto& c = cursors_[p];
    for (;;) {
      auto i = std::find_if(c.slots.begin(), c.slots.end(), [&](auto& kvp) {
        return kvp.second.state == slot_state::in_flight
               && kvp.second.deadline <= now;
      });
      if (i == c.slots.end())
        break;
      fail(static_cast<int32_t>(p), i->first, true, std::chrono::nanoseconds{0},
           "ack timeout", now);
    }
  }
}

std::optional<group_state::time_point> group_state::next_wakeup() const {
  std::optional<time_point> result;
  auto consider = [&](time_point t) {
    if (!result || t < *result)
      result = t;
  };
  for (auto& c : cursors_) {
    for (auto& kvp : c.slots) {
      if (kvp.second.state == slot_state::in_flight)
        consider(kvp.second.deadline);
    }
    if (!c.owner.empty() && has_waiting(c))
      consider(c.hold_until);
  }
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

// -- status -------------------------------------------------------------------

int64_t group_state::in_flight(const std::string& member) const {
  for (auto& m : members_)
    if (m.id == member)
      return m.in_flight;
  return 0;
}

group_status group_state::status() const {
  group_status result;
  result.group = settings_.group;
  result.topic = settings_.topic;
  for (auto& m : members_)
    result.members.push_back(
      member_status{m.id, m.credit, m.in_flight, assignment(m.id)});
  for (size_t p = 0; p < cursors_.size(); ++p) {
    auto& c = cursors_[p];
    group_partition_status ps;
    ps.partition = static_cast<int32_t>(p);
    ps.owner = c.owner;
    ps.committed = c.committed;
    ps.end_offset = std::max(c.end_offset, c.fetch_from);
    ps.lag = ps.end_offset - c.committed;
    ps.in_flight = std::count_if(c.slots.begin(), c.slots.end(), [](auto& kvp) {
      return kvp.second.state == slot_state::in_flight;
    });
    result.partitions.push_back(std::move(ps));
  }
  result.dead_lettered = dead_lettered_;
  result.redelivered = redelivered_;
  return result;
}

} // namespace actorbus::broker
