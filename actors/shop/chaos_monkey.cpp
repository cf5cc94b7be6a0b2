#include "actors/shop/chaos_monkey.hpp"

#include "runtime/logging/logger.hpp"

namespace actorbus::shop {

chaos_monkey::chaos_monkey(std::shared_ptr<supervision::actor_directory> dir,
                           std::vector<std::string> targets,
                           std::chrono::nanoseconds every)
  : dir_(std::move(dir)), targets_(std::move(targets)), every_(every) {
  if (!targets_.empty())
    thread_ = std::thread{[this] { run(); }};
}

chaos_monkey::~chaos_monkey() {
  stop();
}

void chaos_monkey::stop() {
  {
    std::lock_guard<std::mutex> guard{mtx_};
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable())
    thread_.join();
}

std::map<std::string, uint64_t> chaos_monkey::kills() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return kills_;
}

void chaos_monkey::run() {
  size_t next = 0;
  std::unique_lock<std::mutex> guard{mtx_};
  while (!cv_.wait_for(guard, every_, [this] { return stopping_; })) {
    auto& name = targets_[next++ % targets_.size()];
    guard.unlock();
    auto killed = dir_->kill(name);
    guard.lock();
    if (killed) {
      ++kills_[name];
      logging::info(
        "chaos", "killed",
        {{"actor", name}, {"instance", *killed}, {"kills", kills_[name]}});
    }
  }
}

} // namespace actorbus::shop
