#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

#include "caf/config_value.hpp"

namespace actorbus {

/// What a configuration key accepts beyond its C++ type: a range, a set of
/// choices, or presence. CAF checks the type; an `option_spec` checks the rest
/// and carries the text that tells a person what was expected.
struct option_spec {
  /// Qualified key, e.g. "broker.segment-bytes".
  std::string key;
  /// What a valid value looks like, e.g. "an integer in [1, 1024]".
  std::string expected;
  /// Returns true when a value of the right type is also acceptable.
  std::function<bool(const caf::config_value&)> accepts;
  /// Whether the key must be present (in the file or on the command line).
  bool required = false;
};

/// Constraint builders. Each returns an `option_spec` without a key; the
/// config class fills in the key when the option is declared.
namespace constraint {

option_spec any(std::string expected);
option_spec integer(int64_t min, int64_t max);
option_spec real(double min, double max);
option_spec duration(std::chrono::nanoseconds min,
                     std::chrono::nanoseconds max);
option_spec one_of(std::initializer_list<const char*> choices);
option_spec non_empty_string();
option_spec subset_of(std::initializer_list<const char*> choices);
option_spec host_port_or_empty();

} // namespace constraint

/// Returns `spec` with `required` set.
option_spec required(option_spec spec);

} // namespace actorbus
