#include "runtime/config/option_spec.hpp"

#include <algorithm>

#include "runtime/config/config_validator.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus {

namespace constraint {

option_spec any(std::string expected) {
  return {"", std::move(expected),
          [](const caf::config_value&) { return true; }};
}

option_spec integer(int64_t min, int64_t max) {
  auto text = "an integer in [" + std::to_string(min) + ", "
              + std::to_string(max) + "]";
  return {"", std::move(text), [=](const caf::config_value& x) {
            auto v = caf::get_if<int64_t>(&x);
            return v != nullptr && *v >= min && *v <= max;
          }};
}

option_spec real(double min, double max) {
  auto text
    = "a number in [" + format_number(min) + ", " + format_number(max) + "]";
  return {"", std::move(text), [=](const caf::config_value& x) {
            double v;
            if (auto d = caf::get_if<double>(&x))
              v = *d;
            else if (auto i = caf::get_if<int64_t>(&x))
              v = static_cast<double>(*i);
            else
              return false;
            return v >= min && v <= max;
          }};
}

option_spec duration(std::chrono::nanoseconds min,
                     std::chrono::nanoseconds max) {
  auto text = "a duration in [" + logging::field::render_duration(min) + ", "
              + logging::field::render_duration(max) + "] such as 250ms";
  return {"", std::move(text), [=](const caf::config_value& x) {
            auto v = caf::get_if<caf::timespan>(&x);
            return v != nullptr && *v >= min && *v <= max;
          }};
}

option_spec one_of(std::initializer_list<const char*> choices) {
  std::vector<std::string> xs{choices.begin(), choices.end()};
  std::string text = "one of";
  for (size_t i = 0; i < xs.size(); ++i)
    text += (i == 0 ? " " : ", ") + ("\"" + xs[i] + "\"");
  return {"", std::move(text), [=](const caf::config_value& x) {
            std::string str;
            if (auto s = caf::get_if<std::string>(&x))
              str = *s;
            else if (auto a = caf::get_if<caf::atom_value>(&x))
              str = caf::to_string(*a);
            else
              return false;
            for (auto& c : xs)
              if (c == str)
                return true;
            return false;
          }};
}

option_spec non_empty_string() {
  return {"", "a non-empty string", [](const caf::config_value& x) {
            auto s = caf::get_if<std::string>(&x);
            return s != nullptr && !s->empty();
          }};
}

option_spec subset_of(std::initializer_list<const char*> choices) {
  std::vector<std::string> xs{choices.begin(), choices.end()};
  std::string text = "a list of";
  for (size_t i = 0; i < xs.size(); ++i)
    text += (i == 0 ? " " : ", ") + ("\"" + xs[i] + "\"");
  return {"", std::move(text), [=](const caf::config_value& x) {
            auto list = caf::get_if<caf::config_value::list>(&x);
            if (list == nullptr)
              return false;
            for (auto& item : *list) {
              auto s = caf::get_if<std::string>(&item);
              if (s == nullptr
                  || std::find(xs.begin(), xs.end(), *s) == xs.end())
                return false;
            }
            return true;
          }};
}

option_spec host_port_or_empty() {
  return {"", "\"host:port\" with a port in [1, 65535], or \"\"",
          [](const caf::config_value& x) {
            auto s = caf::get_if<std::string>(&x);
            if (s == nullptr)
              return false;
            if (s->empty())
              return true;
            auto colon = s->rfind(':');
            if (colon == std::string::npos || colon == 0
                || colon + 1 == s->size())
              return false;
            auto port = s->substr(colon + 1);
            if (port.size() > 5
                || port.find_first_not_of("0123456789") != std::string::npos)
              return false;
            auto n = std::stoi(port);
            return n >= 1 && n <= 65535;
          }};
}

} // namespace constraint

option_spec required(option_spec spec) {
  spec.required = true;
  return spec;
}

} // namespace actorbus
