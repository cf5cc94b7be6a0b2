#pragma once

// What a service handler returns: the one event to publish, where to, and with
// which headers. Handlers never send; the actor shell publishes `event` to
// `topic` with partition key `key` and `headers`, waits until it is durable,
// and only then acks the input event.
//
// Every handler of this package emits AT MOST ONE event per input. All of a
// service's events go to its one output topic, keyed by order id, so the
// output of one input is a single append: after a kill it is either in the log
// (and the input is in the rebuilt inbox) or not (and the redelivered input is
// handled again, deterministically, with the same result).

#include <chrono>
#include <string>

#include "runtime/shop/causal_headers.hpp"
#include "runtime/shop/shop_event.hpp"

namespace actorbus::shop {

struct outgoing {
  shop_event event;
  std::string topic;
  std::string key;
  causal_headers headers;
  /// Simulated latency (the payment gateway's) the actor waits, without
  /// blocking, before publishing. Zero for every other service.
  std::chrono::microseconds delay{0};
};

/// Builds the outgoing record of `ev`, caused by the event `cause_event_id`.
outgoing make_outgoing(shop_event ev, const std::string& cause_event_id,
                       std::chrono::microseconds delay
                       = std::chrono::microseconds{0});

} // namespace actorbus::shop
