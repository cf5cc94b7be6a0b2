#include "runtime/metrics/registry.hpp"

#include <stdexcept>

#include "runtime/metrics/text_format.hpp"

namespace actorbus::metrics {

namespace {

[[noreturn]] void reject(const std::string& name, const std::string& why) {
  throw std::invalid_argument("metric " + name + ": " + why);
}

void check_names(const family_info& info) {
  if (!text_format::valid_metric_name(info.name))
    reject(info.name, "invalid metric name");
  if (info.help.empty())
    reject(info.name, "help text is empty");
  for (auto& label : info.label_names) {
    if (!text_format::valid_label_name(label))
      reject(info.name, "invalid label name '" + label + "'");
    if (info.kind == metric_kind::histogram && label == "le")
      reject(info.name, "histograms cannot use the label 'le'");
  }
  auto ends_with = [&](const std::string& suffix) {
    return info.name.size() >= suffix.size()
           && info.name.compare(info.name.size() - suffix.size(), suffix.size(),
                                suffix)
                == 0;
  };
  if (info.kind == metric_kind::counter && !ends_with("_total"))
    reject(info.name, "counter names end in _total");
}

} // namespace

template <class T, class Make>
family<T>& registry::get_or_add(family_info info,
                                const std::vector<double>* buckets, Make make) {
  check_names(info);
  std::lock_guard<std::mutex> guard{families_mtx_};
  for (auto& f : families_) {
    if (f->info().name != info.name)
      continue;
    if (f->info().kind != info.kind || f->info().label_names != info.label_names
        || (buckets && histogram_buckets_[info.name] != *buckets))
      reject(info.name, "registered twice with different kind, labels or "
                        "buckets");
    return static_cast<family<T>&>(*f);
  }
  if (buckets)
    histogram_buckets_[info.name] = *buckets;
  auto ptr = std::make_unique<family<T>>(std::move(info), std::move(make));
  auto& result = *ptr;
  families_.emplace_back(std::move(ptr));
  return result;
}

counter_family& registry::counter(const std::string& name,
                                  const std::string& help,
                                  std::vector<std::string> label_names) {
  return get_or_add<metrics::counter>(
    {name, help, std::move(label_names), metric_kind::counter}, nullptr,
    [] { return std::make_unique<metrics::counter>(); });
}

gauge_family& registry::gauge(const std::string& name, const std::string& help,
                              std::vector<std::string> label_names) {
  return get_or_add<metrics::gauge>(
    {name, help, std::move(label_names), metric_kind::gauge}, nullptr,
    [] { return std::make_unique<metrics::gauge>(); });
}

histogram_family& registry::histogram(const std::string& name,
                                      const std::string& help,
                                      std::vector<std::string> label_names,
                                      std::vector<double> buckets) {
  if (!metrics::histogram::valid_bounds(buckets))
    reject(name, "buckets must be non-empty, finite and strictly increasing");
  auto make
    = [buckets] { return std::make_unique<metrics::histogram>(buckets); };
  return get_or_add<metrics::histogram>(
    {name, help, std::move(label_names), metric_kind::histogram}, &buckets,
    std::move(make));
}

registry::collector_id registry::add_collector(collector fn) {
  std::lock_guard<std::mutex> guard{collectors_mtx_};
  auto id = next_id_++;
  collectors_.emplace(id, std::move(fn));
  return id;
}

void registry::remove_collector(collector_id id) {
  std::lock_guard<std::mutex> guard{collectors_mtx_};
  collectors_.erase(id);
}

std::string registry::render() {
  {
    // Holding the mutex while collectors run serializes scrapes and makes
    // remove_collector wait for a running collector.
    std::lock_guard<std::mutex> guard{collectors_mtx_};
    for (auto& [id, fn] : collectors_)
      fn();
  }
  std::string out;
  std::lock_guard<std::mutex> guard{families_mtx_};
  for (auto& f : families_)
    f->render(out);
  return out;
}

} // namespace actorbus::metrics
