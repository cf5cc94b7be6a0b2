#pragma once

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "caf/expected.hpp"

namespace actorbus::admin {

/// A parsed actorbusctl command line.
struct ctl_options {
  /// "status", "topics", "groups", "tail", "kill", "reset-offsets", "dlq",
  /// "metrics" or "help".
  std::string command;
  /// Positional arguments after the command (topic, actor, group, ...).
  std::vector<std::string> args;
  std::string node;
  std::string config_file;
  std::string token;
  bool json = false;
  std::string from = "earliest";
  bool follow = false;
  std::string to;
  size_t max = 100;
  std::chrono::milliseconds timeout{5000};
  std::chrono::milliseconds interval{500};
};

/// Parses `args` (without argv[0]) with CAF's option parser: options may
/// appear anywhere, as `--key=value` or `--key value`; everything else is
/// positional. Checks the arity of each command and the syntax of --from,
/// --to and --node. Errors are `errc::invalid_argument` with a printable
/// context.
caf::expected<ctl_options> parse_ctl_args(const std::vector<std::string>& args);

/// The usage text of `actorbusctl --help`.
std::string ctl_usage();

/// Runs actorbusctl: prints results to `out` and, on failure, exactly one
/// line "actorbusctl: <problem>" to `err`. Returns 0 on success, 1 when the
/// node cannot be reached or answers with an error (unknown name, bad
/// request), 2 for a usage error. `tail --follow` returns only on error.
int run_ctl(const std::vector<std::string>& args, std::ostream& out,
            std::ostream& err);

} // namespace actorbus::admin
