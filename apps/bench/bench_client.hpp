#pragma once

#include <cstdint>
#include <string>

#include "caf/actor.hpp"
#include "caf/actor_system.hpp"

namespace pb {
struct Args;
} // namespace pb

namespace actorbus::bench {

/// The one topic of the benchmark (one partition, like the peers' stream).
constexpr const char* topic_name = "bench";

/// The peers' client contract (apps/bench/peers/README.md).
struct client_options {
  std::string peer = "actorbus";
  std::string mode = "publish";
  uint64_t n = 200000;
  size_t size = 256;
  int pipeline = 100;
  double rate = 10000;
  double duration = 5;
  std::string label = "x";
  double timeout_s = 300;
  uint64_t seed = 42;

  static client_options from(const pb::Args& args);
};

/// Runs one workload against `broker` and prints the result lines; returns
/// the exit code (failures die with a FATAL line and exit code 2, as the
/// peers' clients do).
int run_client(caf::actor_system& sys, const caf::actor& broker,
               const client_options& opts);

} // namespace actorbus::bench
