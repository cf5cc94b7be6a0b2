#pragma once

// Internal steps of resumable_consumer, shared by its two source files.

#include "caf/error.hpp"

#include "actors/consumer/resumable_consumer.hpp"

namespace actorbus::consumer::detail {

/// Logs `what` with the reason and ends the actor with `err`.
void fail(resumable_actor* self, const char* what, const caf::error& err);

/// Learns the partitions of the output topic (producer and `folded`), then
/// runs a catch-up from offset 0 and calls `done`.
void rebuild(resumable_actor* self, void (*done)(resumable_actor*));

/// Reads every partition of the output topic from `folded` to its appended
/// end and folds each event whose causation id is not in the inbox (with
/// an empty cause: always) into the logic, recording the cause; then calls
/// `done`. `folding` > 0 while it runs. Errors end the actor.
void catch_up(resumable_actor* self, void (*done)(resumable_actor*));

} // namespace actorbus::consumer::detail
