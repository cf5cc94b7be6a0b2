#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "caf/meta/type_name.hpp"

namespace actorbus::broker {

/// Coordinator -> offsets actor: store committed offsets (one entry per
/// partition). Reply: `caf::unit` once durable (per the broker's default
/// durability), or an error.
struct commit_request {
  std::string group;
  std::string topic;
  std::vector<int32_t> partitions;
  std::vector<int64_t> offsets;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, commit_request& x) {
  return f(caf::meta::type_name("actorbus::commit_request"), x.group, x.topic,
           x.partitions, x.offsets);
}

/// Coordinator -> offsets actor: the committed offsets of partitions
/// 0..partitions-1. Reply: std::vector<int64_t> (-1 = never committed).
struct committed_request {
  std::string group;
  std::string topic;
  int32_t partitions = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, committed_request& x) {
  return f(caf::meta::type_name("actorbus::committed_request"), x.group,
           x.topic, x.partitions);
}

} // namespace actorbus::broker
