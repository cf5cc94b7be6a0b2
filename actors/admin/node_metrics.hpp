#pragma once

#include <map>
#include <memory>
#include <string>

#include "actors/broker/status_messages.hpp"
#include "actors/shop/service_actor.hpp"
#include "actors/supervisor/actor_directory.hpp"
#include "runtime/metrics/registry.hpp"

namespace actorbus::admin {

using service_counters_map
  = std::map<std::string, std::shared_ptr<shop::service_counters>>;

/// Sets the node's metric families in `reg` (registering them on first use)
/// from one broker status snapshot (null on a node without a broker), the
/// supervision directory and the shop services' counters, then renders the
/// registry (Prometheus text 0.0.4). Runs on the scraping side only: the
/// broker's actors keep their numbers in their own state and ship copies in
/// the status reply, so they never share or lock anything with a scrape.
/// Concurrent calls (parallel scrapes) are serialized.
///
/// Families (docs/admin-api.md lists them with their labels): log end
/// offset, bytes and segments; fsyncs and fsync latency per partition;
/// publish-to-durable latency per topic; mailbox sizes of the broker, its
/// partitions and coordinators; consumer lag, in-flight, redelivered and
/// dead-lettered per group; restarts per supervised actor; the services'
/// published, handled and duplicate counts.
std::string render_node_metrics(metrics::registry& reg,
                                const broker::broker_status* bs,
                                const supervision::actor_directory& dir,
                                const service_counters_map& counters);

} // namespace actorbus::admin
