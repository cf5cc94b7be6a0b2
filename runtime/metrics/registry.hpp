#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/metrics/family.hpp"

namespace actorbus::metrics {

/// The metrics of one node: metric families plus scrape-time collectors.
///
/// Registration (`counter`, `gauge`, `histogram`) is idempotent: asking again
/// for the same name with the same kind, label names (and buckets) returns
/// the existing family, so several actors may register the same metric.
/// Invalid names, a name reused with another kind or other labels, counter
/// names without the `_total` suffix, and invalid buckets are programming
/// errors and throw std::invalid_argument at start-up.
///
/// Families live as long as the registry; references returned by
/// `family::with` too (see `family::remove`). All members are thread-safe.
/// Typical use:
///
///   auto& published = reg.counter("actorbus_events_published_total",
///                                 "Events appended to the log", {"topic"});
///   auto& orders = published.with({"orders"});   // once, then lock-free:
///   orders.inc();
class registry {
public:
  using collector = std::function<void()>;
  using collector_id = uint64_t;

  counter_family& counter(const std::string& name, const std::string& help,
                          std::vector<std::string> label_names = {});

  gauge_family& gauge(const std::string& name, const std::string& help,
                      std::vector<std::string> label_names = {});

  /// `buckets` are upper bounds in the metric's unit (seconds for latency),
  /// strictly increasing and finite; `+Inf` is added implicitly.
  histogram_family& histogram(const std::string& name, const std::string& help,
                              std::vector<std::string> label_names,
                              std::vector<double> buckets
                              = default_latency_buckets());

  /// Adds a function that `render()` calls before rendering, on the scraping
  /// thread, e.g. to set lag or mailbox-size gauges. It must be quick and
  /// must not block; it must not call `add_collector`/`remove_collector`.
  collector_id add_collector(collector fn);

  /// Removes a collector; after return it is not called again.
  void remove_collector(collector_id id);

  /// Runs the collectors, then renders every family in registration order
  /// in the Prometheus text format 0.0.4 (see text_format::content_type).
  std::string render();

private:
  template <class T, class Make>
  family<T>& get_or_add(family_info info, const std::vector<double>* buckets,
                        Make make);

  std::mutex families_mtx_;
  std::vector<std::unique_ptr<family_base>> families_;
  std::map<std::string, std::vector<double>> histogram_buckets_;

  std::mutex collectors_mtx_;
  std::map<collector_id, collector> collectors_;
  collector_id next_id_ = 1;
};

} // namespace actorbus::metrics
