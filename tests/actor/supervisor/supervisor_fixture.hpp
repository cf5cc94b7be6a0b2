#pragma once

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "caf/event_based_actor.hpp"

#include "actors/supervisor/actor_directory.hpp"
#include "actors/supervisor/supervisor_actor.hpp"
#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"
#include "tests/support/actor_fixture.hpp"

namespace actorbus::test {

using crash_atom = caf::atom_constant<caf::atom("crash")>;
using done_atom = caf::atom_constant<caf::atom("done")>;

/// What the test children did, in order: "start:a", "stop:a", ...
struct journal {
  std::vector<std::string> events;
  std::vector<std::string> stops() const {
    std::vector<std::string> result;
    for (auto& x : events)
      if (x.rfind("stop:", 0) == 0)
        result.push_back(x.substr(5));
    return result;
  }
};

/// A child that crashes on crash_atom and quits normally on done_atom.
inline caf::behavior test_worker(caf::event_based_actor* self, std::string name,
                                 std::shared_ptr<journal> j, bool trap_exit) {
  j->events.push_back("start:" + name);
  self->attach_functor(
    [j, name](const caf::error&) { j->events.push_back("stop:" + name); });
  if (trap_exit)
    self->set_exit_handler([](caf::exit_msg&) {}); // ignores user_shutdown
  return {
    [](crash_atom) { throw std::runtime_error("boom"); },
    [=](done_atom) { self->quit(); },
  };
}

/// A child that throws while starting.
inline caf::behavior crash_on_start(caf::event_based_actor*) {
  throw std::runtime_error("cannot start");
}

/// Deterministic scheduler + directory + captured log lines.
class supervisor_fixture : public actor_fixture {
protected:
  using restart_type = supervision::restart_type;
  using restart_strategy = supervision::restart_strategy;
  using child_spec = supervision::child_spec;
  using child_status = supervision::child_status;

  supervisor_fixture() {
    logging::default_logger().set_sink(
      [this](std::string_view line) { lines.emplace_back(line); });
  }

  ~supervisor_fixture() override {
    // Stop every tree (the actor system waits for all actors at exit); the
    // advance lets shutdown timeouts kill children that trap exits.
    for (auto& root : roots)
      caf::anon_send_exit(root, caf::exit_reason::user_shutdown);
    run();
    for (int i = 0; i < 4; ++i)
      advance(std::chrono::seconds{5});
    logging::default_logger().set_sink([](std::string_view line) {
      std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()),
                   line.data());
    });
  }

  child_spec worker(const std::string& name,
                    restart_type type = restart_type::permanent,
                    bool trap_exit = false) {
    auto j = events;
    return child_spec{name, type, [=](caf::actor_system& sys) {
                        return sys.spawn(test_worker, name, j, trap_exit);
                      }};
  }

  /// No jitter: backoff 10ms, 20ms, 40ms, ... (seed printed by the test).
  supervision::supervisor_config config(const std::string& name,
                                        restart_strategy strategy,
                                        size_t max_restarts = 3) {
    supervision::supervisor_config cfg;
    cfg.name = name;
    cfg.strategy = strategy;
    cfg.intensity
      = supervision::intensity_policy{max_restarts, std::chrono::seconds{10}};
    cfg.backoff.min = std::chrono::milliseconds{10};
    cfg.backoff.max = std::chrono::seconds{1};
    cfg.backoff.jitter = 0.0;
    cfg.seed = 1;
    return cfg;
  }

  caf::actor spawn_root(supervision::supervisor_config cfg,
                        std::vector<child_spec> children) {
    auto sup = supervision::spawn_supervisor(sys, std::move(cfg),
                                             std::move(children), dir);
    EXPECT_TRUE(sup) << render(sup.error());
    run();
    if (sup)
      roots.push_back(*sup);
    return sup ? *sup : caf::actor{};
  }

  uint64_t instance(const std::string& name) {
    auto x = dir->info(name);
    return x ? x->instance : 0;
  }

  child_status status(const std::string& name) {
    auto x = dir->info(name);
    return x ? x->status : child_status::stopped;
  }

  void send_to(const std::string& name, caf::atom_value what) {
    auto h = dir->lookup(name);
    ASSERT_TRUE(h) << render(h.error());
    if (what == crash_atom::value)
      caf::anon_send(*h, crash_atom::value);
    else
      caf::anon_send(*h, done_atom::value);
  }

  bool logged(const std::string& needle) const {
    for (auto& line : lines)
      if (line.find(needle) != std::string::npos)
        return true;
    return false;
  }

  std::shared_ptr<supervision::actor_directory> dir
    = std::make_shared<supervision::actor_directory>();
  std::shared_ptr<journal> events = std::make_shared<journal>();
  std::vector<std::string> lines;
  std::vector<caf::actor> roots;
};

} // namespace actorbus::test
