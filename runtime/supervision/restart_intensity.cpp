#include "runtime/supervision/restart_intensity.hpp"

namespace actorbus::supervision {

restart_intensity::restart_intensity(intensity_policy policy)
  : policy_(policy) {
  // nop
}

size_t restart_intensity::record(time_point now) {
  stamps_.push_back(now);
  while (!stamps_.empty() && now - stamps_.front() >= policy_.window)
    stamps_.pop_front();
  // A zero window still counts the restart happening right now.
  if (stamps_.empty())
    stamps_.push_back(now);
  return stamps_.size();
}

} // namespace actorbus::supervision
