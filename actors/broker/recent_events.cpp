#include "actors/broker/recent_events.hpp"

#include <algorithm>

namespace actorbus::broker {

size_t recent_events::estimate(const events::envelope& ev) noexcept {
  auto n = sizeof(events::envelope) + ev.topic.size() + ev.key.size()
           + ev.type.size() + ev.correlation_id.size()
           + ev.causation_id.size() + ev.producer_id.size()
           + ev.payload.size();
  for (auto& [k, v] : ev.headers)
    n += k.size() + v.size() + 64; // 64: a map node
  return n;
}

void recent_events::push(events::envelope ev) {
  if (max_bytes_ == 0)
    return;
  if (!events_.empty() && ev.offset != end()) {
    events_.clear();
    bytes_ = 0;
  }
  bytes_ += estimate(ev);
  events_.push_back(std::move(ev));
  while (bytes_ > max_bytes_ && events_.size() > 1) {
    bytes_ -= estimate(events_.front());
    events_.pop_front();
  }
}

int64_t recent_events::copy(int64_t from, int64_t upto, int32_t max_events,
                            std::vector<events::envelope>& out,
                            const events::type_filter& filter) const {
  auto stop = std::min(upto, end());
  if (from >= stop || max_events <= 0)
    return from;
  auto i = events_.begin() + (from - first());
  if (filter.accepts_all()) {
    auto n = std::min<int64_t>(stop - from, max_events);
    out.reserve(out.size() + static_cast<size_t>(n));
    out.insert(out.end(), i, i + n);
    return from + n;
  }
  auto at = from;
  for (int32_t taken = 0; at < stop && taken < max_events; ++at, ++i) {
    if (filter.accepts(i->type)) {
      out.push_back(*i);
      ++taken;
    }
  }
  return at;
}

} // namespace actorbus::broker
