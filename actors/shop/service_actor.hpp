#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "caf/stateful_actor.hpp"

#include "actors/broker/consume_messages.hpp"
#include "actors/consumer/resumable_consumer.hpp"
#include "runtime/shop/service_state.hpp"
#include "runtime/shop/shop_flow.hpp"
#include "runtime/shop/sim_params.hpp"

namespace actorbus::shop {

/// The text form of an event id used by the shop's inboxes (32 hex digits).
std::string event_id_text(const boost::uuids::uuid& id);

/// Counters a service shares with the app (progress line, summary). The app
/// owns it; every instance of the service adds to the same object.
struct service_counters {
  /// Published events: acknowledged as durable (counted, by type), or
  /// sent by an instance that ended before the answer (in doubt: they may
  /// or may not have landed; kept by id). The audit uses both to prove that
  /// nothing was lost.
  void acked(const std::vector<events::envelope>& evs);
  void in_doubt(const std::vector<events::envelope>& evs);
  size_t acked_count() const { return published.load(); }
  std::vector<boost::uuids::uuid> in_doubt_ids() const;
  /// Acknowledged event counts by type name (progress line).
  uint64_t count_of(const std::string& type) const;

  std::atomic<uint64_t> handled{0};
  std::atomic<uint64_t> duplicates{0};
  std::atomic<uint64_t> redelivered{0};
  std::atomic<uint64_t> published{0};
  std::atomic<uint64_t> crashes{0};
  std::atomic<uint64_t> rebuilt_events{0};

private:
  mutable std::mutex mtx_;
  std::vector<boost::uuids::uuid> in_doubt_;
  std::map<std::string, uint64_t> by_type_;
};

struct service_actor_config {
  service_id id = service_id::order;
  sim_params params;
  caf::actor broker;
  /// Probability that a handler throws (chaos: let it crash).
  double crash_rate = 0.0;
  uint64_t seed = 1;
  /// Credit window per input topic.
  int64_t credit = 256;
  caf::timespan request_timeout = std::chrono::seconds{10};
  std::shared_ptr<service_counters> counters
    = std::make_shared<service_counters>();
};

/// Every instance of a service runs the generic resumable consumer
/// (actors/consumer/resumable_consumer.hpp); its state, e.g. for tests:
/// `state_of<service_actor_state>(handle).inbox.size()`.
using service_actor_state = consumer::resumable_state;

/// One shop service as a resumable consumer over service_state: the shell
/// decodes shop events and hands them to service_state; everything else
/// (rebuild, inbox, catch-up, publish-then-ack, let it crash) is the
/// generic block's:
///
/// ```
///  rebuilding --every own event replayed--> running
///  (read output_of(id) from offset 0,        (one consumer group per
///   apply_own each event: state + inbox)     service, one join per input)
/// ```
/// Running: each delivered event is decoded; a redelivered event whose id is
/// in the inbox is acked without effect; otherwise the state handles it and
/// the actor publishes the one outgoing event (after its simulated delay,
/// without blocking) and acks the input only once that publish is durable.
/// Inputs that are not shop events are acked without effect. A crash or
/// kill at any point therefore loses nothing and applies nothing twice: the
/// next instance rebuilds state and inbox from the durable output and the
/// broker redelivers the unacked inputs. With `crash_rate > 0` a handler
/// throws at random on first deliveries (chaos) and the actor dies with
/// sec::runtime_error for its supervisor to restart.
caf::behavior service_actor(caf::stateful_actor<service_actor_state>* self,
                            service_actor_config cfg);

/// The domain state of a running service instance (tests and tools).
const service_state& service_state_of(const service_actor_state& st);

} // namespace actorbus::shop
