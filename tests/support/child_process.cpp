#include "tests/support/child_process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace actorbus::test {

using namespace std::chrono;

child_process::child_process(std::string path, std::vector<std::string> args,
                             std::string cwd) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string{"pipe2: "} + std::strerror(errno));
  std::vector<std::string> argv_store;
  argv_store.push_back(path);
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_store)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ < 0)
    throw std::runtime_error(std::string{"fork: "} + std::strerror(errno));
  if (pid_ == 0) {
    dup2(fds[1], STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    setpgid(0, 0);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0)
      _exit(126);
    execv(path.c_str(), argv.data());
    _exit(127);
  }
  close(fds[1]);
  fd_ = fds[0];
}

child_process::~child_process() {
  if (!exit_code_) {
    ::kill(pid_, SIGKILL);
    try_reap(true);
  }
  if (fd_ >= 0)
    close(fd_);
}

bool child_process::read_some(milliseconds timeout) {
  if (fd_ < 0)
    return false;
  pollfd pfd{fd_, POLLIN, 0};
  int rc = poll(&pfd, 1, static_cast<int>(timeout.count()));
  if (rc <= 0)
    return true;
  char buf[4096];
  auto n = ::read(fd_, buf, sizeof(buf));
  if (n <= 0) {
    close(fd_);
    fd_ = -1;
    return false;
  }
  output_.append(buf, static_cast<size_t>(n));
  return true;
}

std::optional<std::string>
child_process::wait_for_line(const std::regex& pattern, milliseconds deadline) {
  auto until = steady_clock::now() + deadline;
  for (;;) {
    size_t nl;
    while ((nl = output_.find('\n', scanned_)) != std::string::npos) {
      auto line = output_.substr(scanned_, nl - scanned_);
      scanned_ = nl + 1;
      if (std::regex_search(line, pattern))
        return line;
    }
    auto left = duration_cast<milliseconds>(until - steady_clock::now());
    if (left.count() <= 0)
      return std::nullopt;
    if (!read_some(std::min(left, milliseconds{100})) && fd_ < 0) {
      // EOF: check the unterminated rest once, then give up.
      if (scanned_ < output_.size()
          && std::regex_search(output_.substr(scanned_), pattern))
        return output_.substr(scanned_);
      return std::nullopt;
    }
  }
}

std::optional<int> child_process::wait_exit(milliseconds deadline) {
  auto until = steady_clock::now() + deadline;
  while (!exit_code_) {
    auto left = duration_cast<milliseconds>(until - steady_clock::now());
    if (left.count() <= 0)
      return std::nullopt;
    if (fd_ >= 0)
      read_some(std::min(left, milliseconds{50}));
    else
      poll(nullptr, 0, 10); // the pipe is closed; the exit is imminent
    try_reap(false);
  }
  while (fd_ >= 0 && read_some(milliseconds{0})) {
    // drain what the process wrote before it exited
    pollfd pfd{fd_, POLLIN, 0};
    if (poll(&pfd, 1, 0) <= 0)
      break;
  }
  return exit_code_;
}

void child_process::signal(int sig) {
  if (!exit_code_)
    ::kill(pid_, sig);
}

void child_process::try_reap(bool block) {
  int status = 0;
  auto rc = waitpid(pid_, &status, block ? 0 : WNOHANG);
  if (rc == pid_) {
    if (WIFEXITED(status))
      exit_code_ = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
      exit_code_ = 128 + WTERMSIG(status);
  }
}

std::string app_path(const std::string& name) {
  static const std::string dirs[] = {"shop_sim", "shop_load", "node", "ctl",
                                     "bench"};
  std::string base = std::string{ACTORBUS_BINARY_DIR} + "/apps/";
  for (auto& d : dirs) {
    auto p = base + d + "/" + name;
    if (access(p.c_str(), X_OK) == 0)
      return p;
  }
  throw std::runtime_error("no built app named " + name + " under " + base);
}

} // namespace actorbus::test
