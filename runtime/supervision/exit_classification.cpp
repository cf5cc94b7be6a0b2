#include "runtime/supervision/exit_classification.hpp"

#include "caf/atom.hpp"
#include "caf/exit_reason.hpp"
#include "caf/sec.hpp"

#include "runtime/errc.hpp"

namespace actorbus::supervision {

std::string to_string(exit_kind x) {
  return x == exit_kind::normal ? "normal" : "abnormal";
}

exit_kind classify_exit(const caf::error& reason) noexcept {
  if (!reason)
    return exit_kind::normal;
  if (reason.category() == caf::atom("exit")
      && reason.code() == static_cast<uint8_t>(caf::exit_reason::normal))
    return exit_kind::normal;
  return exit_kind::abnormal;
}

bool should_restart(restart_type type, exit_kind kind) noexcept {
  switch (type) {
    case restart_type::permanent:
      return true;
    case restart_type::transient:
      return kind == exit_kind::abnormal;
    case restart_type::temporary:
      return false;
  }
  return false;
}

std::string render_exit_reason(const caf::error& reason) {
  if (classify_exit(reason) == exit_kind::normal)
    return "normal";
  if (reason.category() == caf::atom("exit"))
    return "exit_reason("
           + caf::to_string(static_cast<caf::exit_reason>(reason.code())) + ")";
  if (reason.category() == caf::atom("system") && reason.context().empty())
    return "system_error("
           + caf::to_string(static_cast<caf::sec>(reason.code())) + ")";
  // actorbus errors and system errors with context: render() keeps context.
  return render(reason);
}

} // namespace actorbus::supervision
