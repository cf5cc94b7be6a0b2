#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "caf/meta/type_name.hpp"

#include "runtime/metrics/histogram_snapshot.hpp"

namespace actorbus::broker {

/// Asks the broker front door for a snapshot of topics and groups. Reply:
/// `broker_status` (for the admin endpoint and actorbus-ctl).
struct status_request {};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, status_request&) {
  return f(caf::meta::type_name("actorbus::status_request"));
}

/// One partition log plus the partition actor's own metrics, which it keeps
/// in its state and only copies into this reply (nothing shared, nothing
/// blocking). The histograms count since the partition actor started.
struct partition_status {
  int32_t partition = 0;
  int64_t start_offset = 0;
  int64_t end_offset = 0;
  int64_t durable_end_offset = 0;
  uint64_t bytes = 0;
  uint64_t segments = 0;
  /// Every fsync of the log (data and segment rolls), in seconds; its
  /// `count` is the number of fsyncs.
  metrics::histogram_snapshot fsync_seconds;
  /// From an append_request arriving at the partition actor to its reply
  /// (after the fsync under `always`), in seconds; one observation per
  /// request that succeeded.
  metrics::histogram_snapshot durable_seconds;
  /// Messages waiting in the partition actor's mailbox when it answered.
  uint64_t mailbox = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, partition_status& x) {
  return f(caf::meta::type_name("actorbus::partition_status"), x.partition,
           x.start_offset, x.end_offset, x.durable_end_offset, x.bytes,
           x.segments, x.fsync_seconds, x.durable_seconds, x.mailbox);
}

struct topic_status {
  std::string topic;
  std::string durability;
  std::vector<partition_status> partitions;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, topic_status& x) {
  return f(caf::meta::type_name("actorbus::topic_status"), x.topic,
           x.durability, x.partitions);
}

/// A member of a group: its actor (printed), credit and current load.
struct member_status {
  std::string member;
  int64_t credit = 0;
  int64_t in_flight = 0;
  std::vector<int32_t> partitions;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, member_status& x) {
  return f(caf::meta::type_name("actorbus::member_status"), x.member, x.credit,
           x.in_flight, x.partitions);
}

/// One partition as a group sees it. `lag` = end_offset - committed.
struct group_partition_status {
  int32_t partition = 0;
  std::string owner;
  int64_t committed = 0;
  int64_t end_offset = 0;
  int64_t lag = 0;
  int64_t in_flight = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f,
                                        group_partition_status& x) {
  return f(caf::meta::type_name("actorbus::group_partition_status"),
           x.partition, x.owner, x.committed, x.end_offset, x.lag, x.in_flight);
}

struct group_status {
  std::string group;
  std::string topic;
  std::vector<member_status> members;
  std::vector<group_partition_status> partitions;
  int64_t dead_lettered = 0;
  int64_t redelivered = 0;
  /// Messages waiting in the coordinator's mailbox when it answered.
  uint64_t mailbox = 0;
  /// The group's type filter (empty: every type).
  std::vector<std::string> types;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, group_status& x) {
  return f(caf::meta::type_name("actorbus::group_status"), x.group, x.topic,
           x.members, x.partitions, x.dead_lettered, x.redelivered, x.mailbox,
           x.types);
}

struct broker_status {
  std::vector<topic_status> topics;
  std::vector<group_status> groups;
  /// Messages waiting in the broker front door's mailbox when it started
  /// collecting this status.
  uint64_t mailbox = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, broker_status& x) {
  return f(caf::meta::type_name("actorbus::broker_status"), x.topics, x.groups,
           x.mailbox);
}

} // namespace actorbus::broker
