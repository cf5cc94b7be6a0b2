#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "caf/meta/type_name.hpp"

#include "runtime/supervision/restart_type.hpp"

namespace actorbus::supervision {

/// Lifecycle of a supervised child:
///
///   running --exit--> restarting --backoff elapsed--> running
///      |  \--exit, no restart (or shutdown)--> stopped
///      \--stopped by its supervisor--> stopping --down--> restarting|stopped
enum class child_status : uint8_t { running, stopping, restarting, stopped };

std::string to_string(child_status x);

/// One supervised child as seen by its supervisor. Inspectable, so it can be
/// sent as a message (registered as "actorbus::supervision::child_snapshot").
struct child_snapshot {
  std::string name;
  std::string parent; ///< name of the supervisor; empty for a root supervisor
  child_status status = child_status::stopped;
  uint64_t instance = 0;   ///< CAF actor id of the current/last instance
  uint64_t restarts = 0;   ///< how often this child has been restarted
  std::string last_reason; ///< last exit reason, rendered; empty if none
  restart_type type = restart_type::permanent;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, child_snapshot& x) {
  return f(caf::meta::type_name("child_snapshot"), x.name, x.parent, x.status,
           x.instance, x.restarts, x.last_reason, x.type);
}

/// A supervision tree (or one supervisor's children) as a flat list: each
/// entry names its parent. Order: in the order the children were first
/// registered, i.e. parents before their children, siblings in start order.
struct tree_snapshot {
  std::vector<child_snapshot> children;

  /// Returns the entry with this name or nullptr.
  const child_snapshot* find(const std::string& name) const;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, tree_snapshot& x) {
  return f(caf::meta::type_name("tree_snapshot"), x.children);
}

} // namespace actorbus::supervision
