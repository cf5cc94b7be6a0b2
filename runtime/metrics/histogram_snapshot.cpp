#include "runtime/metrics/histogram_snapshot.hpp"

#include <algorithm>

namespace actorbus::metrics {

histogram_snapshot histogram_snapshot::with_bounds(std::vector<double> bounds) {
  histogram_snapshot out;
  out.counts.assign(bounds.size() + 1, 0);
  out.bounds = std::move(bounds);
  return out;
}

void histogram_snapshot::observe(double x) {
  auto i = std::lower_bound(bounds.begin(), bounds.end(), x) - bounds.begin();
  counts[static_cast<size_t>(i)] += 1;
  count += 1;
  sum += x;
}

bool histogram_snapshot::merge(const histogram_snapshot& other) {
  if (bounds.empty() && count == 0) {
    *this = other;
    return true;
  }
  if (bounds != other.bounds || counts.size() != other.counts.size())
    return false;
  for (size_t i = 0; i < counts.size(); ++i)
    counts[i] += other.counts[i];
  count += other.count;
  sum += other.sum;
  return true;
}

} // namespace actorbus::metrics
