#include "actors/broker/producer_table.hpp"

namespace actorbus::broker {

producer_table::check_result producer_table::check(const std::string& producer,
                                                   int64_t sequence) const {
  auto i = entries_.find(producer);
  if (i == entries_.end())
    return {verdict::fresh, -1, -1};
  auto& e = i->second;
  if (sequence == e.last_sequence + 1)
    return {verdict::fresh, -1, e.last_sequence + 1};
  if (sequence > e.last_sequence + 1)
    return {verdict::gap, -1, e.last_sequence + 1};
  // Sequences in `recent` are consecutive, so the position is computable.
  if (!e.recent.empty() && sequence >= e.recent.front().first) {
    auto idx = static_cast<size_t>(sequence - e.recent.front().first);
    return {verdict::duplicate, e.recent[idx].second, e.last_sequence + 1};
  }
  return {verdict::duplicate, -1, e.last_sequence + 1};
}

void producer_table::record(const std::string& producer, int64_t base_sequence,
                            int64_t base_offset, size_t count) {
  auto& e = entries_[producer];
  for (size_t i = 0; i < count; ++i) {
    auto seq = base_sequence + static_cast<int64_t>(i);
    // A jump (first batch, or a rebuild that skipped deleted segments)
    // starts a new consecutive run.
    if (!e.recent.empty() && seq != e.recent.back().first + 1)
      e.recent.clear();
    e.recent.emplace_back(seq, base_offset + static_cast<int64_t>(i));
    if (e.recent.size() > window_)
      e.recent.pop_front();
    e.last_sequence = seq;
  }
}

} // namespace actorbus::broker
