#include "runtime/events/type_filter.hpp"

#include <algorithm>

namespace actorbus::events {

type_filter::type_filter(std::vector<std::string> types)
  : types_(std::move(types)) {
  std::sort(types_.begin(), types_.end());
  types_.erase(std::unique(types_.begin(), types_.end()), types_.end());
}

bool type_filter::accepts(const std::string& type) const noexcept {
  if (types_.empty())
    return true;
  // A handful of types per group: a linear scan beats hashing here.
  for (auto& x : types_)
    if (x == type)
      return true;
  return false;
}

std::string type_filter::describe() const {
  if (types_.empty())
    return "all types";
  std::string result;
  for (auto& x : types_) {
    if (!result.empty())
      result += ',';
    result += x;
  }
  return result;
}

} // namespace actorbus::events
