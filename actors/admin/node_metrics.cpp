#include "actors/admin/node_metrics.hpp"

#include <mutex>

#include "runtime/logging/logger.hpp"

namespace actorbus::admin {

namespace {

double num(int64_t x) {
  return static_cast<double>(x);
}

double num(uint64_t x) {
  return static_cast<double>(x);
}

/// Raises a counter to `total` (a count kept elsewhere); never lowers it.
void raise_to(metrics::counter& c, uint64_t total) {
  if (total > c.value())
    c.inc(total - c.value());
}

void load_histogram(metrics::histogram& h,
                    const metrics::histogram_snapshot& snap,
                    const std::string& name) {
  // An empty snapshot is a partition that could not answer (open error).
  if (!snap.bounds.empty() && !h.load(snap))
    logging::warn("admin", "histogram with unexpected buckets skipped",
                  {{"metric", name}});
}

void set_log_metrics(metrics::registry& reg, const broker::broker_status& bs) {
  const std::vector<std::string> tp{"topic", "partition"};
  auto& end = reg.gauge("actorbus_log_end_offset",
                        "Next offset of a partition log", tp);
  auto& bytes = reg.gauge("actorbus_log_bytes", "Bytes of a partition log", tp);
  auto& segs
    = reg.gauge("actorbus_log_segments", "Segments of a partition log", tp);
  auto& fsyncs = reg.counter("actorbus_fsyncs_total",
                             "fsyncs of a partition log since its actor "
                             "started",
                             tp);
  auto& fsync_lat = reg.histogram("actorbus_fsync_seconds",
                                  "Duration of a partition log's fsyncs", tp);
  auto& durable
    = reg.histogram("actorbus_publish_durable_seconds",
                    "From a publish reaching a partition actor to its "
                    "durable reply",
                    {"topic"});
  for (auto& t : bs.topics) {
    metrics::histogram_snapshot topic_durable;
    for (auto& p : t.partitions) {
      std::vector<std::string> l{t.topic, std::to_string(p.partition)};
      end.with(l).set(num(p.end_offset));
      bytes.with(l).set(num(p.bytes));
      segs.with(l).set(num(p.segments));
      raise_to(fsyncs.with(l), p.fsync_seconds.count);
      load_histogram(fsync_lat.with(l), p.fsync_seconds,
                     "actorbus_fsync_seconds");
      topic_durable.merge(p.durable_seconds);
    }
    if (!topic_durable.bounds.empty())
      load_histogram(durable.with({t.topic}), topic_durable,
                     "actorbus_publish_durable_seconds");
  }
}

void set_mailbox_metrics(metrics::registry& reg,
                         const broker::broker_status& bs) {
  auto& mailbox = reg.gauge("actorbus_broker_mailbox_size",
                            "Messages waiting in a broker actor's mailbox "
                            "(broker front door, partitions, coordinators)",
                            {"actor", "name"});
  mailbox.clear();
  mailbox.with({"broker", "broker"}).set(num(bs.mailbox));
  for (auto& t : bs.topics)
    for (auto& p : t.partitions)
      mailbox.with({"partition", t.topic + "/" + std::to_string(p.partition)})
        .set(num(p.mailbox));
  for (auto& g : bs.groups)
    mailbox.with({"coordinator", g.group + "/" + g.topic}).set(num(g.mailbox));
}

void set_group_metrics(metrics::registry& reg,
                       const broker::broker_status& bs) {
  auto& lag
    = reg.gauge("actorbus_consumer_lag", "Events not yet acked by a group",
                {"group", "topic", "partition"});
  auto& inflight = reg.gauge("actorbus_member_in_flight",
                             "Unacked events delivered to a member",
                             {"group", "topic", "member"});
  auto& redelivered
    = reg.gauge("actorbus_group_redelivered", "Events redelivered to a group",
                {"group", "topic"});
  auto& dlq = reg.gauge("actorbus_group_dead_lettered",
                        "Events a group sent to the dead-letter topic",
                        {"group", "topic"});
  lag.clear();
  inflight.clear();
  for (auto& g : bs.groups) {
    for (auto& p : g.partitions)
      lag.with({g.group, g.topic, std::to_string(p.partition)}).set(num(p.lag));
    for (auto& m : g.members)
      inflight.with({g.group, g.topic, m.member}).set(num(m.in_flight));
    redelivered.with({g.group, g.topic}).set(num(g.redelivered));
    dlq.with({g.group, g.topic}).set(num(g.dead_lettered));
  }
}

void set_node_metrics(metrics::registry& reg,
                      const supervision::actor_directory& dir,
                      const service_counters_map& counters) {
  auto& restarts
    = reg.gauge("actorbus_supervised_restarts",
                "Restarts of a supervised actor", {"actor", "supervisor"});
  auto& published = reg.gauge("actorbus_service_published",
                              "Events a shop service published", {"service"});
  auto& handled = reg.gauge("actorbus_service_handled",
                            "Events a shop service handled", {"service"});
  auto& duplicates = reg.gauge("actorbus_service_duplicates",
                               "Redelivered events a shop service "
                               "recognised in its inbox",
                               {"service"});
  for (auto& c : dir.snapshot().children)
    restarts.with({c.name, c.parent}).set(num(c.restarts));
  for (auto& [name, c] : counters) {
    published.with({name}).set(num(c->published.load()));
    handled.with({name}).set(num(c->handled.load()));
    duplicates.with({name}).set(num(c->duplicates.load()));
  }
}

} // namespace

std::string render_node_metrics(metrics::registry& reg,
                                const broker::broker_status* bs,
                                const supervision::actor_directory& dir,
                                const service_counters_map& counters) {
  // Scrapes run on helper actors, possibly in parallel; the gauges that are
  // cleared and refilled (lag, in-flight, mailbox) would otherwise lose a
  // child that another scrape still writes to. Scrapes are rare, so one
  // lock for all of them costs nothing.
  static std::mutex scrape_mtx;
  std::lock_guard<std::mutex> guard{scrape_mtx};
  if (bs) {
    set_log_metrics(reg, *bs);
    set_mailbox_metrics(reg, *bs);
    set_group_metrics(reg, *bs);
  }
  set_node_metrics(reg, dir, counters);
  return reg.render();
}

} // namespace actorbus::admin
