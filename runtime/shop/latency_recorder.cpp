#include "runtime/shop/latency_recorder.hpp"

#include <algorithm>
#include <cmath>

namespace actorbus::shop {

void latency_recorder::start(const std::string& order_id, time_point t) {
  starts_.emplace(order_id, t);
}

bool latency_recorder::finish(const std::string& order_id, time_point t) {
  auto i = starts_.find(order_id);
  if (i == starts_.end())
    return false;
  record(t - i->second);
  starts_.erase(i);
  return true;
}

void latency_recorder::record(duration d) {
  if (!samples_.empty() && d < samples_.back())
    sorted_ = false;
  samples_.push_back(d);
}

latency_recorder::duration latency_recorder::percentile(double q) const {
  if (samples_.empty())
    return duration{0};
  if (!sorted_) {
    std::sort(samples_.begin(), samples_.end());
    sorted_ = true;
  }
  q = std::clamp(q, 0.0, 1.0);
  auto rank
    = static_cast<size_t>(std::ceil(q * static_cast<double>(samples_.size())));
  return samples_[rank == 0 ? 0 : rank - 1];
}

} // namespace actorbus::shop
