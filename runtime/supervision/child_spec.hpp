#pragma once

#include <functional>
#include <string>

#include "caf/actor.hpp"
#include "caf/fwd.hpp"

#include "runtime/supervision/restart_type.hpp"

namespace actorbus::supervision {

/// How a supervisor starts (and restarts) one child.
///
/// `factory` is called on the supervisor's thread each time the child has to
/// run, and must return a freshly spawned actor (typed handles convert with
/// `caf::actor_cast<caf::actor>`). It must not link the child to anything
/// that should survive it: the supervisor monitors the child and owns its
/// lifetime. An invalid handle or an exception thrown by the factory counts
/// as a failed start (an abnormal exit of that child).
///
/// Any actor can be a child: a service actor, a consumer (a consumer child is
/// a spec whose factory spawns the consumer actor, which rejoins its group
/// and resumes from its committed offset on every start), or another
/// supervisor (see `supervisor_child`), which nests supervisors into a tree.
///
/// Names identify children in logs and in the actor_directory; they must be
/// unique within a directory (i.e. across the whole tree).
struct child_spec {
  using factory_fn = std::function<caf::actor(caf::actor_system&)>;

  std::string name;
  restart_type type = restart_type::permanent;
  factory_fn factory;
};

} // namespace actorbus::supervision
