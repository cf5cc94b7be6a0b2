#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime/metrics/metric.hpp"

namespace actorbus::metrics {

enum class metric_kind { counter, gauge, histogram };

/// Name, help text and label names shared by all children of a family.
struct family_info {
  std::string name;
  std::string help;
  std::vector<std::string> label_names;
  metric_kind kind;
};

/// Type-erased view of a family, used by the registry and the renderer.
class family_base {
public:
  explicit family_base(family_info info) : info_(std::move(info)) {}
  virtual ~family_base() = default;

  const family_info& info() const noexcept { return info_; }

  /// Appends the family (HELP, TYPE, one sample line per child and series)
  /// in Prometheus text format 0.0.4 to `out`.
  virtual void render(std::string& out) const = 0;

private:
  family_info info_;
};

/// All children of one metric, one per distinct tuple of label values.
///
/// `with({"orders", "0"})` resolves (creating on first use) the child for
/// those label values under a mutex and returns a reference that stays
/// valid for the family's lifetime (unless `remove`/`clear` drop it). Callers
/// on hot paths resolve once and keep the reference: updates are then
/// lock-free atomics. Throws std::invalid_argument when the number of values
/// does not match the label names (a programming error).
template <class T>
class family : public family_base {
public:
  using factory = std::function<std::unique_ptr<T>()>;

  family(family_info info, factory make)
    : family_base(std::move(info)), make_(std::move(make)) {}

  T& with(const std::vector<std::string>& label_values) {
    if (label_values.size() != info().label_names.size())
      throw std::invalid_argument("metric " + info().name + " expects "
                                  + std::to_string(info().label_names.size())
                                  + " label values");
    std::lock_guard<std::mutex> guard{mtx_};
    auto& slot = children_[label_values];
    if (!slot)
      slot = make_();
    return *slot;
  }

  /// Drops one child. Only for families whose children nobody keeps a
  /// reference to, e.g. gauges that a scrape-time collector sets (a group
  /// that disappeared). Returns whether a child was removed.
  bool remove(const std::vector<std::string>& label_values) {
    std::lock_guard<std::mutex> guard{mtx_};
    return children_.erase(label_values) > 0;
  }

  /// Drops all children; same restriction as `remove`.
  void clear() {
    std::lock_guard<std::mutex> guard{mtx_};
    children_.clear();
  }

  /// Calls `f(label_values, child)` for each child in label order, under the
  /// family's mutex (so `f` must not call `with` on this family).
  template <class F>
  void for_each(F&& f) const {
    std::lock_guard<std::mutex> guard{mtx_};
    for (auto& [labels, child] : children_)
      f(labels, *child);
  }

  void render(std::string& out) const override;

private:
  mutable std::mutex mtx_;
  std::map<std::vector<std::string>, std::unique_ptr<T>> children_;
  factory make_;
};

template <>
void family<counter>::render(std::string& out) const;
template <>
void family<gauge>::render(std::string& out) const;
template <>
void family<histogram>::render(std::string& out) const;

extern template class family<counter>;
extern template class family<gauge>;
extern template class family<histogram>;

using counter_family = family<counter>;
using gauge_family = family<gauge>;
using histogram_family = family<histogram>;

} // namespace actorbus::metrics
