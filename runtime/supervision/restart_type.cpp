#include "runtime/supervision/restart_type.hpp"

namespace actorbus::supervision {

std::string to_string(restart_type x) {
  switch (x) {
    case restart_type::permanent:
      return "permanent";
    case restart_type::transient:
      return "transient";
    case restart_type::temporary:
      return "temporary";
  }
  return "restart_type(" + std::to_string(static_cast<int>(x)) + ")";
}

std::string to_string(restart_strategy x) {
  switch (x) {
    case restart_strategy::one_for_one:
      return "one_for_one";
    case restart_strategy::one_for_all:
      return "one_for_all";
    case restart_strategy::rest_for_one:
      return "rest_for_one";
  }
  return "restart_strategy(" + std::to_string(static_cast<int>(x)) + ")";
}

std::optional<restart_type> parse_restart_type(std::string_view str) {
  for (auto x : {restart_type::permanent, restart_type::transient,
                 restart_type::temporary})
    if (to_string(x) == str)
      return x;
  return std::nullopt;
}

std::optional<restart_strategy> parse_restart_strategy(std::string_view str) {
  for (auto x : {restart_strategy::one_for_one, restart_strategy::one_for_all,
                 restart_strategy::rest_for_one})
    if (to_string(x) == str)
      return x;
  return std::nullopt;
}

} // namespace actorbus::supervision
