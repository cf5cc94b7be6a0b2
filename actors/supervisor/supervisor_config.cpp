#include "actors/supervisor/supervisor_config.hpp"

#include <set>

#include "runtime/errc.hpp"
#include "runtime/supervision/policy_from_options.hpp"

namespace actorbus::supervision {

supervisor_config
supervisor_config::from_options(std::string name, restart_strategy strategy,
                                const supervision_options& opts) {
  supervisor_config result;
  result.name = std::move(name);
  result.strategy = strategy;
  result.intensity = intensity_from(opts);
  result.backoff = backoff_from(opts);
  return result;
}

caf::error validate(const supervisor_config& cfg,
                    const std::vector<child_spec>& children) {
  auto fail = [&](const std::string& what) {
    return caf::make_error(errc::invalid_argument,
                           "supervisor " + cfg.name + ": " + what);
  };
  if (cfg.name.empty())
    return fail("empty supervisor name");
  if (cfg.backoff.min.count() < 0 || cfg.backoff.max < cfg.backoff.min)
    return fail("backoff needs 0 <= min <= max");
  if (!(cfg.backoff.jitter >= 0.0 && cfg.backoff.jitter <= 1.0))
    return fail("backoff jitter outside [0, 1]");
  std::set<std::string> names;
  for (auto& child : children) {
    if (child.name.empty())
      return fail("child with empty name");
    if (!child.factory)
      return fail("child " + child.name + " has no factory");
    if (child.name == cfg.name || !names.insert(child.name).second)
      return fail("duplicate name " + child.name);
  }
  return caf::none;
}

} // namespace actorbus::supervision
