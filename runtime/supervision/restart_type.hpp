#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace actorbus::supervision {

/// When a supervisor restarts a child that terminated (Erlang/OTP semantics):
/// - permanent: always, whatever the exit reason;
/// - transient: only after an abnormal exit (see exit_classification.hpp);
/// - temporary: never; the child stays stopped.
enum class restart_type : uint8_t { permanent, transient, temporary };

/// Which children a supervisor restarts when one of them has to restart:
/// - one_for_one: only that child;
/// - one_for_all: every child (the others are stopped first);
/// - rest_for_one: that child and every child started after it.
enum class restart_strategy : uint8_t {
  one_for_one,
  one_for_all,
  rest_for_one
};

std::string to_string(restart_type x);
std::string to_string(restart_strategy x);

/// Parses "permanent", "transient" or "temporary".
std::optional<restart_type> parse_restart_type(std::string_view str);

/// Parses "one_for_one", "one_for_all" or "rest_for_one".
std::optional<restart_strategy> parse_restart_strategy(std::string_view str);

} // namespace actorbus::supervision
