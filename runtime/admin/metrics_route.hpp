#pragma once

#include "runtime/admin/admin_server.hpp"
#include "runtime/metrics/registry.hpp"

namespace actorbus::admin {

/// Registers `GET /metrics`, answering with `reg.render()` (collectors run on
/// the admin server's thread) in the Prometheus text format 0.0.4. `reg`
/// must outlive the server.
void add_metrics_route(admin_server& srv, metrics::registry& reg);

} // namespace actorbus::admin
