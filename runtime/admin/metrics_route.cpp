#include "runtime/admin/metrics_route.hpp"

#include "runtime/metrics/text_format.hpp"

namespace actorbus::admin {

void add_metrics_route(admin_server& srv, metrics::registry& reg) {
  srv.route("GET", "/metrics", [&reg](const http_request&, responder reply) {
    reply(http_response::text(200, reg.render(),
                              std::string{metrics::text_format::content_type}));
  });
}

} // namespace actorbus::admin
