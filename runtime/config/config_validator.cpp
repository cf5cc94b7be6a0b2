#include "runtime/config/config_validator.hpp"

#include <algorithm>
#include <cstdio>

#include "runtime/config/topic_options.hpp"
#include "runtime/errc.hpp"

namespace actorbus {

namespace {

std::string str(caf::string_view x) {
  return std::string{x.data(), x.size()};
}

caf::error problem(std::string_view source, std::string text) {
  return caf::make_error(errc::invalid_config,
                         std::string{source} + ": " + std::move(text));
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t prev = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cur = row[j];
      row[j] = std::min(
        {row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

const caf::config_value* find_value(const caf::settings& dict,
                                    std::string_view key) {
  auto dot = key.find('.');
  auto head = std::string{key.substr(0, dot)};
  auto i = dict.find(head);
  if (i == dict.end())
    return nullptr;
  if (dot == std::string_view::npos)
    return &i->second;
  if (auto sub = caf::get_if<caf::settings>(&i->second))
    return find_value(*sub, key.substr(dot + 1));
  return nullptr;
}

} // namespace

std::string render_config_value(const caf::config_value& x) {
  if (auto s = caf::get_if<std::string>(&x))
    return "\"" + *s + "\"";
  if (auto a = caf::get_if<caf::atom_value>(&x))
    return "'" + caf::to_string(*a) + "'";
  if (auto d = caf::get_if<double>(&x))
    return format_number(*d);
  return caf::to_string(x);
}

std::string format_number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g", x);
  return buf;
}

config_validator::config_validator(const caf::config_option_set& options,
                                   std::vector<option_spec> specs)
  : options_(options), specs_(std::move(specs)) {
  // nop
}

caf::error config_validator::check_file(const caf::settings& raw,
                                        std::string_view file) const {
  return walk(raw, "", file);
}

caf::error config_validator::walk(const caf::settings& dict,
                                  const std::string& prefix,
                                  std::string_view file) const {
  for (auto& [name, val] : dict) {
    auto key = prefix.empty() ? name : prefix + "." + name;
    auto sub = caf::get_if<caf::settings>(&val);
    if (sub && prefix.empty() && key == topics_section) {
      if (auto err = walk_topics(*sub, file))
        return err;
      continue;
    }
    if (sub && is_category(key)) {
      if (auto err = walk(*sub, key, file))
        return err;
      continue;
    }
    if (prefix.empty() && sub) {
      return problem(file, "unknown section [" + key + "]");
    }
    if (auto err = check_value(prefix == "global" ? name : key, val, file))
      return err;
  }
  return caf::none;
}

caf::error config_validator::walk_topics(const caf::settings& dict,
                                         std::string_view file) const {
  for (auto& [topic, val] : dict) {
    auto section = std::string{topics_section} + "." + topic;
    auto keys = caf::get_if<caf::settings>(&val);
    if (keys == nullptr)
      return problem(file, section + "=" + render_config_value(val)
                             + ": expected a section [" + section + "]");
    for (auto& [name, x] : *keys) {
      auto key = section + "." + name;
      auto broker_key = broker_key_of(name);
      if (broker_key.empty())
        return problem(file, "unknown key " + key + "="
                               + render_config_value(x) + " (a topic accepts "
                               + std::string{topic_keys_text()} + ")");
      if (auto err = check_value(broker_key, x, file))
        return caf::make_error(errc::invalid_config,
                               std::string{file} + ": " + key + "="
                                 + render_config_value(x) + ": expected "
                                 + expected_of(broker_key));
    }
  }
  return caf::none;
}

std::string config_validator::expected_of(const std::string& key) const {
  if (auto spec = find_spec(key))
    return spec->expected;
  if (auto opt = options_.qualified_name_lookup(key))
    return "a value of type " + str(opt->type_name());
  return "a known key";
}

caf::error config_validator::check_value(const std::string& key,
                                         const caf::config_value& val,
                                         std::string_view source) const {
  auto opt = options_.qualified_name_lookup(key);
  if (opt == nullptr) {
    auto text = "unknown key " + key + "=" + render_config_value(val);
    auto hint = suggest(key);
    if (!hint.empty())
      text += " (did you mean " + hint + "?)";
    return problem(source, std::move(text));
  }
  auto spec = find_spec(key);
  auto expected
    = spec ? spec->expected : "a value of type " + str(opt->type_name());
  if (opt->check(val) || (spec && !spec->accepts(val))) {
    if (caf::holds_alternative<caf::atom_value>(val)
        && opt->type_name() == "string")
      expected += " (write strings in double quotes)";
    return problem(source, key + "=" + render_config_value(val) + ": expected "
                             + expected);
  }
  return caf::none;
}

caf::error config_validator::check_effective(const caf::settings& content,
                                             std::string_view source) const {
  for (auto& spec : specs_) {
    auto val = find_value(content, spec.key);
    if (val == nullptr) {
      if (spec.required)
        return problem(source, "missing required key " + spec.key
                                 + ": expected " + spec.expected);
      continue;
    }
    if (!spec.accepts(*val))
      return problem(source, spec.key + "=" + render_config_value(*val)
                               + ": expected " + spec.expected);
  }
  return caf::none;
}

const option_spec* config_validator::find_spec(std::string_view key) const {
  for (auto& spec : specs_)
    if (spec.key == key)
      return &spec;
  return nullptr;
}

bool config_validator::is_category(std::string_view name) const {
  for (auto& opt : options_) {
    auto cat = str(opt.category());
    if (cat.size() >= name.size()
        && std::string_view{cat.data(), name.size()} == name
        && (cat.size() == name.size() || cat[name.size()] == '.'))
      return true;
  }
  return false;
}

std::string config_validator::suggest(std::string_view key) const {
  std::string best;
  size_t best_dist = 4;
  for (auto& opt : options_) {
    auto full = str(opt.category()) + "." + str(opt.long_name());
    auto dist = edit_distance(key, full);
    if (dist < best_dist) {
      best_dist = dist;
      best = full;
    }
  }
  return best;
}

} // namespace actorbus
