#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "caf/error.hpp"

namespace actorbus::cluster {

/// Which named nodes are connected to the broker node; refuses a second node
/// with a name that is already taken by a live node. Plain state, owned by
/// the gateway actor. Nodes are identified by an opaque key (the rendered
/// CAF node id of the connection).
class membership {
public:
  struct member {
    std::string name;
    std::string node_key;
    std::vector<std::string> roles;
  };

  /// Registers `name` for `node_key`. A node that reconnects under its own
  /// name is accepted again; a different node asking for a live name fails
  /// with `errc::duplicate_node`.
  caf::error join(const std::string& name, const std::string& node_key,
                  std::vector<std::string> roles);

  /// Removes every name held by `node_key` (its connection died); returns
  /// the names removed.
  std::vector<std::string> leave(const std::string& node_key);

  const std::map<std::string, member>& members() const noexcept {
    return members_;
  }

private:
  std::map<std::string, member> members_;
};

} // namespace actorbus::cluster
