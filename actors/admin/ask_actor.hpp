#pragma once

#include <utility>

#include "caf/actor_system.hpp"
#include "caf/detail/type_traits.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/timespan.hpp"

#include "runtime/admin/error_response.hpp"
#include "runtime/admin/http_types.hpp"

namespace actorbus::admin {

namespace detail {

template <class F, class... Args>
auto make_reply_handler(F f, responder reply, caf::detail::type_list<Args...>) {
  return [f, reply](Args... xs) { reply(f(std::forward<Args>(xs)...)); };
}

} // namespace detail

/// Bridges an admin route handler to an actor without blocking the admin
/// server's thread: spawns a short-lived event-based actor that sends
/// `msg...` to `dest` as a request with `timeout`, then completes `reply`
/// with `on_result(result...)` (an `http_response`), or with
/// `error_response(err)` when the request fails (error reply, timeout: 503,
/// dead receiver: 503). The helper actor quits after the answer.
///
/// `on_result` must take the response types by value or const reference,
/// like any CAF response handler. Usage in a route handler:
///
///   srv.route("GET", "/status", [&sys, broker](const http_request&,
///                                              responder reply) {
///     ask_actor(sys, broker, std::chrono::seconds{2}, reply,
///               [](const node_status& st) {
///                 return http_response::json(200,
///                 boost::json::value_from(st));
///               },
///               status_atom::value);
///   });
template <class Handle, class F, class... Ts>
void ask_actor(caf::actor_system& sys, Handle dest, caf::timespan timeout,
               responder reply, F on_result, Ts... msg) {
  using args = typename caf::detail::get_callable_trait<F>::arg_types;
  sys.spawn([=](caf::event_based_actor* self) {
    self->request(dest, timeout, msg...)
      .then(detail::make_reply_handler(on_result, reply, args{}),
            [reply](caf::error& err) { reply(error_response(err)); });
  });
}

} // namespace actorbus::admin
