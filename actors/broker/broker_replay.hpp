#pragma once

// Broker internals shared by broker_actor.cpp and broker_replay.cpp.

#include <string>

#include "caf/event_based_actor.hpp"
#include "caf/expected.hpp"
#include "caf/result.hpp"
#include "caf/stateful_actor.hpp"

#include "actors/broker/broker_actor.hpp"
#include "actors/broker/publish_messages.hpp"

namespace actorbus::broker {

/// The topic's partition actors, creating the topic and its actors (each
/// with an io worker, round robin) on first use.
caf::expected<broker_state::topic_entry*>
ensure_topic(caf::stateful_actor<broker_state>* self, const std::string& name);

/// Republishes dead letters of `<req.topic>.dlq` to their origin topic.
/// With `from_offsets`: from those offsets, answering with the next ones.
/// Without: from the durable replay position (offset store, group
/// `__dlq-replay`), which is committed once the letters are republished,
/// so no letter is replayed twice, also across restarts.
caf::result<replay_result> on_replay(caf::stateful_actor<broker_state>* self,
                                     replay_dlq_request& req);

} // namespace actorbus::broker
