#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "caf/actor.hpp"
#include "caf/actor_clock.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/stateful_actor.hpp"
#include "caf/timespan.hpp"

#include "actors/broker/consume_messages.hpp"
#include "actors/broker/publish_messages.hpp"
#include "actors/broker/typed_producer.hpp"
#include "actors/consumer/consumer_logic.hpp"
#include "actors/consumer/processed_ids.hpp"

namespace actorbus::consumer {

/// How a resumable consumer runs. Copied into every instance: the factory
/// and the observer are shared by all instances of one supervised child.
struct resumable_config {
  /// Log component (e.g. "payment") and prefix of the producer id.
  std::string name;
  caf::actor broker;
  /// Consumer group joined on every input; empty means `name`.
  std::string group;
  /// Topics consumed (one join each).
  std::vector<std::string> inputs;
  /// Per input topic, the event types the group takes (its type filter,
  /// see broker::join_request); an input not listed takes every type.
  std::map<std::string, std::vector<std::string>> input_types;
  /// The consumer's own topic: the only topic it writes, and the one it
  /// replays to rebuild state and inbox. Nobody else may write it.
  std::string output;
  /// Credit window per input (max unacked events); 0 = broker default.
  int64_t credit = 256;
  caf::timespan request_timeout = std::chrono::seconds{10};
  /// Tries per publish on timeouts and retryable errors before crashing.
  int publish_attempts = 5;
  /// Builds the fresh domain logic of one instance (argument: the actor
  /// id, e.g. to seed randomness). Required.
  std::function<std::unique_ptr<consumer_logic>(uint64_t)> make_logic;
  /// Never null.
  std::shared_ptr<consumer_observer> observer
    = std::make_shared<consumer_observer>();
};

/// A consumer that resumes by itself after any crash or kill:
///
/// ```
///  rebuilding --own topic folded--> running (joined every input)
///      ^                               |  per delivery, in order:
///      |                               |   cause in inbox? ack, no effect
///  (supervisor restarts                |   else logic.handle -> effect?
///   a crashed or killed instance)      |     publish effect (durable),
///      +-------------- crash ----------+     then ack the input
/// ```
///
/// Rebuilding: reads every partition of `output` from offset 0, including
/// appended-but-unsynced events (so nothing a killed predecessor sent is
/// missed), folds each event into a fresh logic with `apply_own` and records
/// its causation id in the inbox; then joins the group on every input and
/// resumes from the committed offsets. Unacked inputs of a dead instance are
/// redelivered with attempt > 1; those whose effect is in the log are
/// recognised by the inbox and only acked, so every input's effect is in the
/// log exactly once, across any number of kills.
///
/// Catch-up: before handling a delivery that is the first of its partition
/// for this instance, not the successor of the previous one (events the
/// group's type filter passed over in between, delivery::skipped, do not
/// count), or a redelivery, the consumer folds whatever appeared in `output` since it
/// last read (skipping events whose cause is already in the inbox, i.e. its
/// own). So when the group rebalances, an input another member already
/// handled is recognised too. (Not covered: a member that lost a partition
/// and still publishes a delayed effect afterwards; the broker has no
/// fencing of old members.)
///
/// Batching: the effects of the deliveries handled in one go (one mailbox
/// message, usually one delivery batch) that have no delay are published as
/// one request, and their inputs are acked together once it is durable.
///
/// Publish timeouts: one watchdog timer per instance instead of a CAF
/// request timeout per publish (each of those wakes CAF's clock thread
/// twice). A publish not answered within `request_timeout` is sent again
/// with the same sequence numbers (the broker answers duplicates with their
/// offsets), up to `publish_attempts`; whichever answer comes first counts,
/// later answers to the same publish are ignored.
///
/// A handler that throws or returns an error ends the actor (let it crash,
/// sec::runtime_error for exceptions, logged as "handler crashed"); so does
/// a failed rebuild, join or publish. Deliveries are queued while a
/// catch-up runs, so each partition is handled in offset order.
struct resumable_state {
  resumable_state() = default;
  resumable_state(const resumable_state&) = delete;
  resumable_state& operator=(const resumable_state&) = delete;

  /// Reports the publishes still unanswered to the observer (in doubt).
  ~resumable_state();

  struct pending {
    caf::actor coordinator;
    broker::delivery d;
    /// Covered by a catch-up that started after it arrived.
    bool checked = false;
  };

  /// The inputs whose effects one publish request carries, in order, with
  /// the coordinator to ack each at.
  using effect_inputs = std::vector<std::pair<caf::actor, broker::event_ref>>;

  /// A publish request waiting for its answer, with the inputs to ack.
  struct unanswered {
    broker::publish_request req;
    effect_inputs inputs;
    int attempt = 1;
    caf::actor_clock::time_point sent;
  };

  resumable_config cfg;
  std::unique_ptr<consumer_logic> logic;
  processed_ids inbox;
  broker::typed_producer producer;
  /// Per partition of `output`: offset up to which it was folded.
  std::vector<int64_t> folded;
  /// Partitions of `output` still being read by the running catch-up.
  int32_t folding = 0;
  /// Rebuilt and joined (or joining) its inputs.
  bool running = false;
  /// Set when the instance gave up (it quits with the error).
  bool failed = false;
  /// Input topic -> its group coordinator.
  std::map<std::string, caf::actor> coordinators;
  std::deque<pending> queue;
  /// (topic, partition) -> offset expected next from it.
  std::map<std::pair<std::string, int32_t>, int64_t> next_offset;
  /// Publishes waiting for an answer, by number.
  std::map<uint64_t, unanswered> unanswered_publishes;
  uint64_t next_publish = 0;
  bool watchdog_armed = false;

  /// Counters of this instance.
  uint64_t rebuilt = 0;
  uint64_t catch_ups = 0;
  uint64_t handled = 0;
  uint64_t duplicates = 0;
  uint64_t redelivered = 0;
  uint64_t published = 0;

  static inline const char* name = "resumable-consumer";
};

using resumable_actor = caf::stateful_actor<resumable_state>;

/// The behavior; spawn with `sys.spawn(resumable_consumer, cfg)`, usually
/// from a supervisor's child spec.
caf::behavior resumable_consumer(resumable_actor* self, resumable_config cfg);

} // namespace actorbus::consumer
