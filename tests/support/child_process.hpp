#pragma once

#include <chrono>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <sys/types.h>

namespace actorbus::test {

/// A real binary started for an integration test. Its stdout and stderr are
/// merged into one pipe and collected line by line. The destructor kills
/// (SIGKILL) and reaps the process if it still runs, so a failing test never
/// leaves processes behind.
class child_process {
public:
  /// Starts `path` with `args` (argv[0] is added) in working directory `cwd`
  /// (empty: inherit). Throws std::runtime_error if the process cannot start.
  child_process(std::string path, std::vector<std::string> args,
                std::string cwd = "");
  ~child_process();

  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  pid_t pid() const noexcept { return pid_; }

  /// Reads output until a line matches `pattern` or `deadline` passes.
  /// Returns the matching line, or nullopt on timeout or process exit.
  std::optional<std::string> wait_for_line(const std::regex& pattern,
                                           std::chrono::milliseconds deadline);

  /// Waits for the process to exit (reading its output meanwhile) and
  /// returns its exit code (128 + signal for a signal), or nullopt when the
  /// deadline passes first.
  std::optional<int> wait_exit(std::chrono::milliseconds deadline);

  /// Sends `sig` to the process.
  void signal(int sig);

  /// Everything the process printed so far.
  const std::string& output() const noexcept { return output_; }

  /// Whether the process has been reaped.
  bool exited() const noexcept { return exit_code_.has_value(); }

private:
  /// Reads what is available within `timeout`; returns false at EOF.
  bool read_some(std::chrono::milliseconds timeout);
  void try_reap(bool block);

  pid_t pid_ = -1;
  int fd_ = -1;
  std::string output_;
  size_t scanned_ = 0;
  std::optional<int> exit_code_;
};

/// Path of an app built by this project, e.g. app_path("shop-sim").
std::string app_path(const std::string& name);

} // namespace actorbus::test
