#pragma once

#include "caf/error.hpp"

#include "runtime/admin/http_types.hpp"

namespace actorbus::admin {

/// Maps an error from the runtime or from an actor request to the API's
/// JSON error answer (detail = the error's context, see docs/admin-api.md):
///
/// | code | status / error |
/// |---|---|
/// | unknown_topic, unknown_partition, unknown_member, unknown_actor | 404
/// not_found | | invalid_argument, bad_request, offset_out_of_range,
/// invalid_config | 400 bad_request | | payload_too_large | 413
/// payload_too_large | | unauthorized | 401 unauthorized | | timeout,
/// shutting_down, node_unreachable, CAF's request_timeout and
/// request_receiver_down | 503 unavailable or timeout | | anything else | 500
/// internal_error |
http_response error_response(const caf::error& err);

} // namespace actorbus::admin
