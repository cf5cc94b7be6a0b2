#pragma once

// A deterministic in-memory stand-in for the broker, to prove the shop's
// domain logic without actors: topics with partitions (key = order id), one
// consumer cursor per service and partition with a committed offset that lags
// behind (acks are asynchronous), and a seeded scheduler that decides what
// happens next:
//   - the customer generator publishes its next command,
//   - a service gets the next event of one of its partitions (partitions
//     interleave at random, each stays in offset order),
//   - a service gets a duplicate of an event it already handled (same id,
//     any time later, out of order),
//   - a service is killed: its state is rebuilt from its own topic (partitions
//     replayed in shuffled order) and its cursors go back to the committed
//     offsets, so the uncommitted events are delivered again,
//   - a service crashes inside a handler: the handled event's output is lost
//     with the state, then as a kill.
// A handler's output is published before its input counts as delivered, like
// the real consumer (ack after the output is durable).

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "runtime/shop/cart_state.hpp"
#include "runtime/shop/customer_generator.hpp"
#include "runtime/shop/invariants.hpp"
#include "runtime/shop/inventory_state.hpp"
#include "runtime/shop/notification_state.hpp"
#include "runtime/shop/order_state.hpp"
#include "runtime/shop/payment_state.hpp"
#include "runtime/shop/service_state.hpp"
#include "runtime/shop/shop_flow.hpp"

namespace actorbus::shop::testing {

using service = service_id;

struct bus_options {
  uint64_t seed = 1;
  uint32_t partitions = 3;
  /// Probability that a delivered event is delivered once more later.
  double duplicate_rate = 0.0;
  /// Probability that the customers publish a command twice, under two
  /// event ids (a producer retry the broker did not deduplicate).
  double republish_rate = 0.0;
  /// Probability, per step, that a random service is killed.
  double kill_rate = 0.0;
  /// Probability, per delivery, that the handler crashes before publishing.
  double crash_rate = 0.0;
  /// Probability that an ack commits the cursor (else the commit lags).
  double commit_rate = 0.5;
  /// Kill `victim` once after this many deliveries in total (0 = never).
  uint64_t scripted_kill_at = 0;
  service victim = service::payment;
  /// Stop after this many steps (a livelock guard; run() then fails).
  uint64_t max_steps = 10'000'000;
};

struct record {
  std::string id;
  shop_event event;
  causal_headers headers;
};

class shop_bus {
public:
  shop_bus(const sim_params& params, bus_options opts);
  ~shop_bus();

  /// Runs until every command is published and every event delivered;
  /// returns false if max_steps ran out first.
  bool run();

  /// Kills `s` now: rebuild from its own topic, rewind to committed offsets.
  void kill(service s);

  /// All five states, rebuilt from scratch out of the topics (what a
  /// restarted node would see).
  struct rebuilt;
  std::unique_ptr<rebuilt> rebuild_all() const;

  /// The live states, the orders placed and the per-topic counts.
  shop_view view() const;

  const cart_state& carts() const;
  const order_state& orders() const;
  const payment_state& payments() const;
  const inventory_state& inventory() const;
  const notification_state& notifications() const;

  uint64_t kills(service s) const;
  uint64_t deliveries() const;
  uint64_t duplicates_delivered() const;
  /// Events a duplicate delivery produced; must stay 0 (a duplicate is
  /// either in the inbox or a final no-op).
  uint64_t duplicate_outputs() const;
  /// Sum of the redeliveries the live services' inboxes recognised.
  uint64_t inbox_hits() const;
  /// The partitions of `name` (empty if nothing was published to it).
  const std::vector<std::vector<record>>& topic(const std::string& name) const;

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

struct shop_bus::rebuilt {
  cart_state carts;
  order_state orders;
  payment_state payments;
  inventory_state inventory;
  notification_state notifications;
};

} // namespace actorbus::shop::testing
