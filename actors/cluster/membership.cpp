#include "actors/cluster/membership.hpp"

#include "runtime/errc.hpp"

namespace actorbus::cluster {

caf::error membership::join(const std::string& name,
                            const std::string& node_key,
                            std::vector<std::string> roles) {
  auto i = members_.find(name);
  if (i != members_.end() && i->second.node_key != node_key)
    return caf::make_error(errc::duplicate_node,
                           "node name \"" + name
                             + "\" is already taken by a connected node");
  members_[name] = member{name, node_key, std::move(roles)};
  return caf::none;
}

std::vector<std::string> membership::leave(const std::string& node_key) {
  std::vector<std::string> gone;
  for (auto i = members_.begin(); i != members_.end();) {
    if (i->second.node_key == node_key) {
      gone.push_back(i->first);
      i = members_.erase(i);
    } else {
      ++i;
    }
  }
  return gone;
}

} // namespace actorbus::cluster
