#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "caf/actor.hpp"
#include "caf/actor_system.hpp"
#include "caf/expected.hpp"
#include "caf/stateful_actor.hpp"

#include "actors/supervisor/actor_directory.hpp"
#include "actors/supervisor/supervisor_config.hpp"
#include "runtime/supervision/child_spec.hpp"
#include "runtime/supervision/supervision_state.hpp"

namespace actorbus::supervision {

/// Spawns a root supervisor (Erlang/OTP style) and registers it in `dir`
/// under `cfg.name` with an empty parent. Example:
///
///   auto dir = std::make_shared<supervision::actor_directory>();
///   auto cfg = supervisor_config::from_options(
///     "shop", restart_strategy::one_for_one, node_cfg.supervision);
///   auto sup = spawn_supervisor(sys, cfg, {
///     child_spec{"payment", restart_type::permanent,
///                [=](caf::actor_system& s) { return s.spawn(payment_actor);
///                }},
///     child_spec{"notification", restart_type::transient, ...},
///   }, dir);
///   if (!sup) { print render(sup.error()); return 1; }
///   ...
///   dir->kill("payment");                       // restarted after backoff
///   auto snap = dir->snapshot();                // whole tree, any thread
///   caf::anon_send_exit(*sup, caf::exit_reason::user_shutdown); // stop tree
///
/// Contract of the supervisor actor:
/// - At start it spawns its children in list order; it monitors them (no
///   links), so a crashing child never takes the supervisor down. Spawning
///   is asynchronous: a child supervisor starts its own children when it
///   first runs, possibly after its later siblings.
/// - When a child exits it restarts per restart type and strategy after the
///   child's exponential backoff (delayed_send: the test scheduler's
///   simulated time drives it). One log line when it decides ("restarting
///   child=payment reason=exit_reason(kill) attempt=2/10 window=10s
///   backoff=40ms") and one when done ("restarted child=payment
///   instance=42 restarts=2"); the directory points to the new instance.
/// - More than intensity.max_restarts restarts within intensity.window:
///   it logs "giving up", stops its children in reverse start order and
///   quits with errc::restart_limit, which its parent sees in its down_msg
///   (and treats like any child failure: supervisors nest into a tree).
/// - On an exit_msg (e.g. user_shutdown from its parent or from outside) it
///   stops its children one by one in reverse start order, each with
///   user_shutdown and killed after cfg.shutdown_timeout, then quits with
///   that reason. `exit_reason::kill` cannot be trapped: a killed supervisor
///   sends user_shutdown to all its children at once as it dies.
/// - (caf::get_atom) answers with a tree_snapshot of its direct children.
caf::expected<caf::actor>
spawn_supervisor(caf::actor_system& sys, supervisor_config cfg,
                 std::vector<child_spec> children,
                 std::shared_ptr<actor_directory> dir);

/// A child spec that runs a nested supervisor; its parent supervises it
/// like any other child (restart on errc::restart_limit, counted against
/// the parent's intensity).
caf::expected<child_spec>
supervisor_child(supervisor_config cfg, std::vector<child_spec> children,
                 std::shared_ptr<actor_directory> dir,
                 restart_type type = restart_type::permanent);

/// State of the supervisor actor: a thin shell over supervision_state.
struct supervisor_state {
  std::optional<supervision_state> logic;
  supervisor_config config;
  std::vector<child_spec> specs;
  std::shared_ptr<actor_directory> directory;
  /// Current instance per child (invalid while not running). Shared with
  /// the functor that stops orphans if the supervisor is killed.
  std::shared_ptr<std::vector<caf::actor>> live;

  static inline const char* name = "supervisor";
};

/// The behavior; prefer spawn_supervisor, which validates the arguments.
caf::behavior supervisor_actor(caf::stateful_actor<supervisor_state>* self,
                               supervisor_config cfg,
                               std::vector<child_spec> children,
                               std::shared_ptr<actor_directory> dir);

} // namespace actorbus::supervision
