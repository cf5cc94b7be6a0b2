#include "runtime/admin/server_options.hpp"

#include "runtime/config/node_config.hpp"

namespace actorbus::admin {

server_options server_options::from(const admin_options& cfg) {
  server_options result;
  result.address = cfg.address;
  result.port = static_cast<uint16_t>(cfg.port);
  result.token = cfg.token;
  return result;
}

} // namespace actorbus::admin
