#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "actors/supervisor/actor_directory.hpp"

namespace actorbus::shop {

/// Kills the named supervised actors with `exit_reason::kill`, one per
/// period in turn, from its own thread (the way operations tooling would),
/// until stopped. Names that are not running at that moment (e.g. between a
/// kill and the restart) are skipped and not counted.
class chaos_monkey {
public:
  chaos_monkey(std::shared_ptr<supervision::actor_directory> dir,
               std::vector<std::string> targets,
               std::chrono::nanoseconds every);
  ~chaos_monkey();

  chaos_monkey(const chaos_monkey&) = delete;
  chaos_monkey& operator=(const chaos_monkey&) = delete;

  /// Stops and joins the thread; idempotent.
  void stop();

  /// Kills per name so far.
  std::map<std::string, uint64_t> kills() const;

private:
  void run();

  std::shared_ptr<supervision::actor_directory> dir_;
  std::vector<std::string> targets_;
  std::chrono::nanoseconds every_;
  mutable std::mutex mtx_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::map<std::string, uint64_t> kills_;
  std::thread thread_;
};

} // namespace actorbus::shop
