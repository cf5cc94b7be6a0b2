#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace actorbus::metrics::text_format {

/// Helpers for the Prometheus text exposition format 0.0.4
/// (Content-Type `text/plain; version=0.0.4; charset=utf-8`).

constexpr std::string_view content_type
  = "text/plain; version=0.0.4; charset=utf-8";

/// Escapes a HELP text: backslash and newline.
std::string escape_help(std::string_view text);

/// Escapes a label value: backslash, double quote and newline.
std::string escape_label_value(std::string_view text);

/// Formats a sample value: shortest round-trip decimal, `+Inf`, `-Inf`,
/// `NaN`; integral values without a fraction ("42").
std::string format_value(double x);

/// Appends `{a="x",b="y"}` (nothing for no labels). `extra_name` /
/// `extra_value` append one more label (the histogram's `le`) when not empty.
void append_labels(std::string& out, const std::vector<std::string>& names,
                   const std::vector<std::string>& values,
                   std::string_view extra_name = {},
                   std::string_view extra_value = {});

/// Appends the `# HELP` and `# TYPE` lines of a family.
void append_header(std::string& out, std::string_view name,
                   std::string_view help, std::string_view type);

/// Returns whether `name` is a valid metric name ([a-zA-Z_:][a-zA-Z0-9_:]*).
bool valid_metric_name(std::string_view name) noexcept;

/// Returns whether `name` is a valid label name ([a-zA-Z_][a-zA-Z0-9_]*, not
/// starting with the reserved "__").
bool valid_label_name(std::string_view name) noexcept;

} // namespace actorbus::metrics::text_format
