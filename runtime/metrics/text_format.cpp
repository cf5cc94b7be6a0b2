#include "runtime/metrics/text_format.hpp"

#include <charconv>
#include <cmath>

namespace actorbus::metrics::text_format {

namespace {

std::string escape(std::string_view text, bool quote) {
  std::string out;
  out.reserve(text.size());
  for (auto c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '"':
        out += quote ? "\\\"" : "\"";
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool is_alpha(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

} // namespace

std::string escape_help(std::string_view text) {
  return escape(text, false);
}

std::string escape_label_value(std::string_view text) {
  return escape(text, true);
}

std::string format_value(double x) {
  if (std::isnan(x))
    return "NaN";
  if (std::isinf(x))
    return x > 0 ? "+Inf" : "-Inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), x);
  return std::string(buf, res.ptr);
}

void append_labels(std::string& out, const std::vector<std::string>& names,
                   const std::vector<std::string>& values,
                   std::string_view extra_name, std::string_view extra_value) {
  if (names.empty() && extra_name.empty())
    return;
  out += '{';
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0)
      out += ',';
    out += names[i];
    out += "=\"";
    out += escape_label_value(values[i]);
    out += '"';
  }
  if (!extra_name.empty()) {
    if (!names.empty())
      out += ',';
    out += extra_name;
    out += "=\"";
    out += escape_label_value(extra_value);
    out += '"';
  }
  out += '}';
}

void append_header(std::string& out, std::string_view name,
                   std::string_view help, std::string_view type) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += escape_help(help);
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

bool valid_metric_name(std::string_view name) noexcept {
  if (name.empty() || !(is_alpha(name[0]) || name[0] == ':'))
    return false;
  for (auto c : name)
    if (!(is_alpha(c) || is_digit(c) || c == ':'))
      return false;
  return true;
}

bool valid_label_name(std::string_view name) noexcept {
  if (name.empty() || !is_alpha(name[0]) || name.substr(0, 2) == "__")
    return false;
  for (auto c : name)
    if (!(is_alpha(c) || is_digit(c)))
      return false;
  return true;
}

} // namespace actorbus::metrics::text_format
