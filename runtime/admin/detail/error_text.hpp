#pragma once

#include <string>

#include "caf/error.hpp"

#include "runtime/errc.hpp"

namespace actorbus::admin::detail {

/// The context of an error without its code name ("expected host:port, got
/// 'x'"), for messages a person reads; falls back to render(err).
inline std::string error_text(const caf::error& err) {
  const auto& ctx = err.context();
  if (ctx.size() == 1 && ctx.match_element<std::string>(0))
    return ctx.get_as<std::string>(0);
  return render(err);
}

} // namespace actorbus::admin::detail
