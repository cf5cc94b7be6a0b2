#pragma once

#include <atomic>
#include <mutex>

#include "runtime/admin/auth.hpp"
#include "runtime/admin/router.hpp"
#include "runtime/admin/server_options.hpp"

namespace actorbus::admin::detail {

/// Guards posting into the io_context from foreign threads: `stop()` closes
/// it before the io_context goes away, so a late `responder` call is a no-op.
struct post_gate {
  std::mutex mtx;
  bool open = true;
};

/// What every connection of one admin_server shares. Read-only while the
/// server runs, except for the atomics and the gate.
struct server_core {
  server_options opts;
  router routes;
  auth_policy auth;
  std::shared_ptr<post_gate> gate = std::make_shared<post_gate>();
  std::atomic<size_t> connections{0};
};

} // namespace actorbus::admin::detail
