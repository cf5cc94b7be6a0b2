#include "runtime/supervision/tree_snapshot.hpp"

namespace actorbus::supervision {

std::string to_string(child_status x) {
  switch (x) {
    case child_status::running:
      return "running";
    case child_status::stopping:
      return "stopping";
    case child_status::restarting:
      return "restarting";
    case child_status::stopped:
      return "stopped";
  }
  return "child_status(" + std::to_string(static_cast<int>(x)) + ")";
}

const child_snapshot* tree_snapshot::find(const std::string& name) const {
  for (auto& x : children)
    if (x.name == name)
      return &x;
  return nullptr;
}

} // namespace actorbus::supervision
