#include "actors/broker/group_state.hpp"

#include <algorithm>

#include "actors/broker/topic_table.hpp"
#include "runtime/errc.hpp"

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

caf::error group_state::set_filter(const std::string& member,
                                   events::type_filter filter) {
  if (filter == filter_)
    return {};
  for (auto& m : members_)
    if (m.id != member)
      return caf::make_error(errc::invalid_argument,
                             "group " + settings_.group + " on topic "
                               + settings_.topic + " takes types ["
                               + filter_.describe()
                               + "]; the join asks for ["
                               + filter.describe() + "]");
  filter_ = std::move(filter);
  for (auto& c : cursors_) {
    if (!c.buffer.empty()) {
      c.fetch_from = c.buffer.front().offset;
      c.buffer.clear();
    }
    if (c.fetching) {
      c.fetching = false;
      ++c.epoch;
    }
  }
  return {};
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
  for (auto& [offset, s] : c.slots)
    if (s.state == slot_state::in_flight)
      release(partition, offset, s);
  c.slots.clear();
  c.waiting.clear();
  c.buffer.clear();
  dead_letters_.erase(std::remove_if(dead_letters_.begin(), dead_letters_.end(),
                                     [&](const dead_letter& x) {
                                       return x.partition == partition;
                                     }),
                      dead_letters_.end());
  c.committed = offset;
  c.commit_dirty = true;
  c.fetch_from = offset;
  c.delivered_end = offset;
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
                          int64_t end_offset, int64_t next) {
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
  if (next > c.fetch_from) {
    // Events the filter passed over; with nothing else pending the commit
    // moves past them.
    c.fetch_from = next;
    advance_commit(c);
  }
}

void group_state::fetch_failed(int32_t partition, uint64_t epoch) {
  auto& c = cursors_.at(static_cast<size_t>(partition));
  if (epoch == c.epoch)
    c.fetching = false;
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
  result.types = filter_.types();
  result.dead_lettered = dead_lettered_;
  result.redelivered = redelivered_;
  return result;
}

} // namespace actorbus::broker
