#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "caf/error.hpp"
#include "caf/expected.hpp"
#include "caf/timespan.hpp"

#include "actors/broker/consume_messages.hpp"
#include "runtime/events/envelope.hpp"

namespace actorbus::consumer {

/// The one event a handler asks its consumer to publish for one input.
/// Fill key, type, payload and correlation id (and headers if needed); the
/// consumer sets id, time, topic (always its own output topic) and
/// causation_id (the input's id_text), publishes it idempotently, waits
/// `delay` first (without blocking) and acks the input once it is durable.
///
/// One event per input, to one topic, is what makes the inbox exact: the
/// effect of an input is a single append, so after a kill it is either in
/// the log (and its cause in the rebuilt inbox) or not (and the redelivered
/// input is handled again).
struct effect {
  events::envelope event;
  caf::timespan delay{0};
};

/// The domain side of a resumable consumer (event sourcing): its state is
/// the fold of its own output topic. One object per actor instance; a
/// restarted instance starts from a fresh one and replays. Called only from
/// its actor, in delivery order.
class consumer_logic {
public:
  virtual ~consumer_logic() = default;

  /// Applies one event of the consumer's own output topic (rebuild, and
  /// catch-up with events other members of the group wrote). The consumer
  /// calls it once per distinct causation id. An error ends the actor.
  virtual caf::error apply_own(const events::envelope& own) = 0;

  /// Handles one delivered input event that is not in the inbox. Returns
  /// the effect to publish, and then the state must already be as
  /// `apply_own` of that effect would leave it; or std::nullopt when the
  /// event changes nothing, and then handling it again must change nothing
  /// either (it is not recorded in the inbox). An error, like an exception,
  /// ends the actor ("let it crash"): the supervisor restarts it and the
  /// broker redelivers the unacked inputs with a higher attempt number.
  virtual caf::expected<std::optional<effect>>
  handle(const events::envelope& in, int32_t attempt) = 0;
};

/// Hooks for counters and audits (all optional, default: nothing). Shared
/// by every instance of one consumer; called from the running instance.
class consumer_observer {
public:
  virtual ~consumer_observer() = default;

  /// An own event was folded into the state (rebuild or catch-up).
  virtual void rebuilt(const events::envelope&) {}
  /// A delivery with attempt > 1 arrived.
  virtual void redelivered(const broker::delivery&) {}
  /// An input was in the inbox: acked without effect.
  virtual void duplicate(const events::envelope&) {}
  /// The logic handled an input (with or without effect).
  virtual void handled(const events::envelope&) {}
  /// The effects of one publish request are durable (their inputs are
  /// acked right after).
  virtual void published(const std::vector<events::envelope>&) {}
  /// The instance ended (killed, crashed or stopped) with these effects sent
  /// and not answered: each may have landed or not ("in doubt"). Called once
  /// per unanswered publish request, as the instance's state is destroyed.
  virtual void unanswered(const std::vector<events::envelope>&) {}
};

} // namespace actorbus::consumer
