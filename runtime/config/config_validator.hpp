#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "caf/config_option_set.hpp"
#include "caf/error.hpp"
#include "caf/settings.hpp"

#include "runtime/config/option_spec.hpp"

namespace actorbus {

/// Validates configuration values against the declared CAF options and the
/// project's `option_spec`s. CAF 0.17 silently drops a wrongly typed value
/// from a config file and keeps keys nobody declared; this class reports both.
///
/// Every problem is an `errc::invalid_config` error whose context is one line
/// naming the source (file or "command line"), the key, the value and what
/// was expected, e.g.
///   configs/x.ini: broker.default-partitions=0: expected an integer in [1,
///   1024]
/// Validation stops at the first problem.
class config_validator {
public:
  config_validator(const caf::config_option_set& options,
                   std::vector<option_spec> specs);

  /// Checks a parsed config file (as returned by
  /// `actor_system_config::parse_config_file`): unknown sections and keys,
  /// wrongly typed values and out-of-range values; `[topics.<name>]`
  /// sections (runtime/config/topic_options.hpp) are checked key by key
  /// against their [broker] twins.
  caf::error check_file(const caf::settings& raw, std::string_view file) const;

  /// Checks the effective settings after file and command line were merged:
  /// ranges again (for command-line values) and required keys.
  caf::error check_effective(const caf::settings& content,
                             std::string_view source) const;

  /// Returns the spec for `key`, or nullptr.
  const option_spec* find_spec(std::string_view key) const;

private:
  caf::error walk(const caf::settings& dict, const std::string& prefix,
                  std::string_view file) const;
  /// Checks `[topics.<name>]` sections: each key like its [broker] twin.
  caf::error walk_topics(const caf::settings& dict,
                         std::string_view file) const;
  std::string expected_of(const std::string& key) const;
  caf::error check_value(const std::string& key, const caf::config_value& val,
                         std::string_view source) const;
  bool is_category(std::string_view name) const;
  std::string suggest(std::string_view key) const;

  const caf::config_option_set& options_;
  std::vector<option_spec> specs_;
};

/// Renders a config value as a person would type it: strings quoted.
std::string render_config_value(const caf::config_value& x);

/// Formats a number compactly ("1.5", "0.2", "3").
std::string format_number(double x);

} // namespace actorbus
