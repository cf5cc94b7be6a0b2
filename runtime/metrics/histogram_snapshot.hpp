#pragma once

#include <cstdint>
#include <vector>

#include "caf/meta/type_name.hpp"

namespace actorbus::metrics {

/// A plain latency histogram for actor state: one owner, no atomics, no
/// registry. An actor observes into it on its own thread and ships a copy in
/// a status reply; the scraper merges copies (several partitions of a topic)
/// and loads the result into a registry histogram with `histogram::load`.
/// This keeps metrics off the actors' hot paths: nothing is shared.
///
/// Buckets as in `histogram`: `counts[i]` holds the observations in bucket
/// `i` alone (x <= bounds[i]); `counts[bounds.size()]` is `+Inf`.
struct histogram_snapshot {
  std::vector<double> bounds;
  std::vector<uint64_t> counts;
  uint64_t count = 0;
  double sum = 0;

  /// An empty histogram over `bounds` (precondition:
  /// `histogram::valid_bounds(bounds)`).
  static histogram_snapshot with_bounds(std::vector<double> bounds);

  void observe(double x);

  /// Adds `other`'s observations; returns false (and changes nothing) when
  /// the bounds differ. Merging into a default-constructed snapshot adopts
  /// `other`'s bounds.
  bool merge(const histogram_snapshot& other);
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, histogram_snapshot& x) {
  return f(caf::meta::type_name("actorbus::histogram_snapshot"), x.bounds,
           x.counts, x.count, x.sum);
}

} // namespace actorbus::metrics
