#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "caf/actor.hpp"
#include "caf/expected.hpp"
#include "caf/scoped_actor.hpp"

#include "actors/broker/typed_producer.hpp"
#include "actors/shop/service_actor.hpp"
#include "runtime/events/envelope.hpp"
#include "runtime/shop/customer_generator.hpp"
#include "runtime/shop/shop_summary.hpp"

namespace actorbus::shop {

/// Reads every event of `topic` (all partitions, offset order per partition)
/// through the broker. Blocking: call from a plain thread (e.g. main), never
/// from an actor.
caf::expected<std::vector<events::envelope>>
read_topic(caf::scoped_actor& self, const caf::actor& broker,
           const std::string& topic, caf::timespan timeout);

/// Sum of the end offsets of `topic` over its partitions.
caf::expected<uint64_t> topic_end(caf::scoped_actor& self,
                                  const caf::actor& broker,
                                  const std::string& topic,
                                  caf::timespan timeout);

/// Publishes the simulated customers' commands to `cart-commands`. Its
/// producer id is fixed and its sequence numbers follow from the seeded
/// generator, so a resumed run that publishes everything again gets the
/// original offsets for what already landed and writes nothing twice.
class customer_driver {
public:
  customer_driver(caf::actor broker, const sim_params& params,
                  uint64_t max_orders, caf::timespan timeout);

  /// Publishes up to `batch` commands and blocks until they are durable
  /// (retrying the same request on timeouts).
  caf::error publish_next(caf::scoped_actor& self, size_t batch);

  bool done() const noexcept { return done_; }
  uint64_t orders_placed() const noexcept { return orders_; }
  uint64_t published() const noexcept { return published_; }

private:
  caf::actor broker_;
  customer_generator gen_;
  broker::typed_producer producer_;
  uint64_t max_orders_;
  caf::timespan timeout_;
  uint64_t orders_ = 0;
  uint64_t published_ = 0;
  bool done_ = false;
};

/// What the audit needs besides the log.
struct audit_input {
  sim_params params;
  uint64_t orders_placed = 0;
  uint64_t commands_published = 0;
  /// Topic -> events stored before this process started (--resume).
  std::map<std::string, uint64_t> baseline;
  std::map<std::string, std::shared_ptr<service_counters>> counters;
  std::map<std::string, service_restarts> restarts;
  std::chrono::nanoseconds elapsed{0};
  /// Without the services' counters (another process ran them): count an
  /// event of a service topic as published once per distinct cause, so a
  /// duplicate effect (two events with one causation id) fails the check.
  bool count_by_causation = false;
};

/// Rebuilds every service's state from the durable log (as a restarted
/// service would), then fills the summary: orders by outcome, events per
/// topic, latencies (checkout to terminal event, from event times), and the
/// invariants over the whole history.
caf::expected<shop_summary> audit_shop(caf::scoped_actor& self,
                                       const caf::actor& broker,
                                       const audit_input& in,
                                       caf::timespan timeout);

/// The audit of `audit_shop` over logs already read (topic -> every event
/// of it, partitions in order); for callers that cannot block, such as
/// tests on the deterministic scheduler.
caf::expected<shop_summary>
audit_logs(std::map<std::string, std::vector<events::envelope>>& logs,
           const audit_input& in);

} // namespace actorbus::shop
