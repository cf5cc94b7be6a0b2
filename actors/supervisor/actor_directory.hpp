#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "caf/actor.hpp"
#include "caf/error.hpp"
#include "caf/exit_reason.hpp"
#include "caf/expected.hpp"

#include "runtime/supervision/tree_snapshot.hpp"

namespace actorbus::supervision {

/// Name directory of a supervision tree: name -> current instance and its
/// record (parent, status, instance id, restarts, last exit reason, restart
/// type). CAF 0.17's registry cannot serve here (atoms of at most 10
/// characters, entries outlive their actors).
///
/// Ownership: the app creates one `std::make_shared<actor_directory>()` and
/// passes it to its supervisors; supervisors write it, anybody reads it.
/// Thread-safe (one mutex): callable from actors and from plain threads such
/// as the HTTP admin endpoint. A name points to the newest instance as soon
/// as its supervisor has restarted the child; between the exit and the
/// restart, `lookup` fails with errc::unknown_actor (retry later).
///
/// Names are unique per directory: a name registered under one parent
/// cannot be claimed by another.
class actor_directory {
public:
  /// Registers `info.name` under `info.parent` (or refreshes the record if
  /// the same parent claims it again, e.g. a restarted child supervisor).
  /// Returns errc::invalid_argument if another parent owns the name.
  caf::error claim(const child_snapshot& info);

  /// Replaces the record of `info.name` and its handle (pass an invalid
  /// handle while the child is not running). Called by supervisors.
  void update(const child_snapshot& info, caf::actor handle);

  /// Marks `name` as stopped with `reason`, dropping its handle.
  void set_stopped(const std::string& name, const std::string& reason);

  /// Marks every running or stopping child of `parent` as stopped (its
  /// supervisor is gone), dropping their handles.
  void set_children_stopped(const std::string& parent,
                            const std::string& reason);

  /// Returns the running instance named `name`, or errc::unknown_actor.
  caf::expected<caf::actor> lookup(const std::string& name) const;

  /// Returns the record of `name`, if registered.
  std::optional<child_snapshot> info(const std::string& name) const;

  /// Sends `reason` (default: the untrappable kill) as exit message to the
  /// running instance of `name`; returns the id of that instance, or
  /// errc::unknown_actor. The supervisor then restarts it per its spec.
  caf::expected<uint64_t> kill(const std::string& name,
                               caf::exit_reason reason
                               = caf::exit_reason::kill) const;

  /// Every registered entry in registration order (parents before their
  /// children, siblings in start order).
  tree_snapshot snapshot() const;

private:
  struct entry {
    child_snapshot info;
    caf::actor handle;
  };

  entry* find(const std::string& name);
  const entry* find(const std::string& name) const;

  mutable std::mutex mtx_;
  std::vector<entry> entries_;
};

} // namespace actorbus::supervision
