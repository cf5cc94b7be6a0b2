#pragma once

#include <string>

#include "caf/error.hpp"

#include "runtime/supervision/restart_type.hpp"

namespace actorbus::supervision {

/// How a child ended, as far as restarting is concerned.
enum class exit_kind : uint8_t { normal, abnormal };

std::string to_string(exit_kind x);

/// Classifies the reason of a `caf::down_msg` (CAF 0.17.6):
/// - normal: no error (`caf::none`) or `caf::exit_reason::normal`, i.e. the
///   actor called `quit()` or ran out of behavior;
/// - abnormal: everything else, notably `caf::sec::runtime_error` (an
///   uncaught exception; CAF 0.17 never reports `unhandled_exception`),
///   `exit_reason::kill` and `exit_reason::user_shutdown` sent from outside,
///   `exit_reason::remote_link_unreachable`, `unreachable`, and any error a
///   child passes to `quit(err)`, e.g. `errc::restart_limit` of a child
///   supervisor that gave up.
exit_kind classify_exit(const caf::error& reason) noexcept;

/// Returns whether a child of type `type` that ended with `kind` is to be
/// restarted: permanent always, transient on abnormal exits, temporary never.
bool should_restart(restart_type type, exit_kind kind) noexcept;

/// Renders an exit reason in one line without an actor system, in CAF's own
/// notation: "normal", "exit_reason(kill)", "system_error(runtime_error)",
/// "restart_limit: supervisor shop gave up ...".
std::string render_exit_reason(const caf::error& reason);

} // namespace actorbus::supervision
