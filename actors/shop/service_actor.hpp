#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <unordered_set>

#include "caf/event_based_actor.hpp"
#include "caf/stateful_actor.hpp"

#include "actors/broker/consume_messages.hpp"
#include "actors/broker/typed_producer.hpp"
#include "runtime/shop/service_state.hpp"
#include "runtime/shop/shop_flow.hpp"
#include "runtime/shop/sim_params.hpp"

namespace actorbus::shop {

/// The text form of an event id used by the shop's inboxes (32 hex digits).
std::string event_id_text(const boost::uuids::uuid& id);

/// Counters a service shares with the app (progress line, summary). The app
/// owns it; every instance of the service adds to the same object.
struct service_counters {
  /// Ids of published events: acknowledged as durable, or sent by an
  /// instance that died before the answer (in doubt: they may or may not
  /// have landed). The audit uses both to prove that nothing was lost.
  void sent(const std::string& id);
  void acked(const std::string& id);
  std::unordered_set<std::string> acked_ids() const;
  std::unordered_set<std::string> in_doubt_ids() const;
  /// Outgoing event counts by type name (progress line).
  uint64_t count_of(const std::string& type) const;
  void count(const std::string& type);

  std::atomic<uint64_t> handled{0};
  std::atomic<uint64_t> duplicates{0};
  std::atomic<uint64_t> redelivered{0};
  std::atomic<uint64_t> published{0};
  std::atomic<uint64_t> crashes{0};
  std::atomic<uint64_t> rebuilt_events{0};

private:
  mutable std::mutex mtx_;
  std::unordered_set<std::string> acked_;
  std::unordered_set<std::string> in_doubt_;
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

struct service_actor_state {
  service_actor_config cfg;
  std::optional<service_state> svc;
  broker::typed_producer producer;
  /// Input topic -> its group coordinator.
  std::map<std::string, caf::actor> coordinators;
  /// Partitions of the output topic still being replayed.
  int32_t output_partitions = 0;
  std::mt19937_64 rng;
  /// (topic, partition) pairs that delivered since this instance started.
  std::set<std::pair<std::string, int32_t>> resumed;
  static inline const char* name = "shop-service";
};

/// One shop service as a consumer actor (a thin shell over service_state):
///
/// ```
///  rebuilding --every own event replayed--> joining --all joined--> running
///  (read output_of(id) from offset 0,        (one consumer group per
///   apply_own each event: state + inbox)     service, one join per input)
/// ```
/// Running: each delivered event is decoded; a redelivered event whose id is
/// in the inbox is acked without effect; otherwise the state handles it and
/// the actor publishes the one outgoing event (after its simulated delay,
/// without blocking) and acks the input only once that publish is durable.
/// A crash or kill at any point therefore loses nothing and applies nothing
/// twice: the next instance rebuilds state and inbox from the durable output
/// and the broker redelivers the unacked inputs. With `crash_rate > 0` a
/// handler throws at random (chaos) and the actor dies with
/// sec::runtime_error for its supervisor to restart.
caf::behavior service_actor(caf::stateful_actor<service_actor_state>* self,
                            service_actor_config cfg);

} // namespace actorbus::shop
