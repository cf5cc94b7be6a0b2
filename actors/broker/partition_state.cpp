#include "actors/broker/partition_state.hpp"

#include <algorithm>

#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"
#include "runtime/metrics/metric.hpp"

namespace actorbus::broker {

namespace {

constexpr size_t read_budget = 1 << 20;

double to_seconds(std::chrono::nanoseconds d) {
  return std::chrono::duration<double>(d).count();
}

int64_t to_ms(caf::timestamp t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
           t.time_since_epoch())
    .count();
}

} // namespace

caf::expected<std::unique_ptr<partition_state>>
partition_state::open(partition_settings settings) {
  log::partition_log_options opts;
  opts.topic = settings.topic.name;
  opts.partition = settings.partition;
  opts.segment_bytes = settings.topic.segment_bytes;
  opts.retention_bytes = settings.topic.retention_bytes;
  opts.retention_age = settings.topic.retention_age;
  opts.clk = settings.clk;
  auto dir = log::partition_dir(settings.data_dir, settings.topic.name,
                                settings.partition);
  auto lg = log::partition_log::open(*settings.fs, dir, opts);
  if (!lg)
    return std::move(lg.error());
  std::unique_ptr<partition_state> result{
    new partition_state(std::move(settings), std::move(*lg))};
  if (auto err = result->rebuild_producers())
    return err;
  return result;
}

partition_state::partition_state(partition_settings settings,
                                 std::unique_ptr<log::partition_log> lg)
  : settings_(std::move(settings)),
    log_(std::move(lg)),
    policy_(settings_.topic.durability, settings_.topic.sync_interval,
            *settings_.clk),
    recent_(settings_.topic.cache_bytes),
    fsync_seconds_(metrics::histogram_snapshot::with_bounds(
      metrics::default_latency_buckets())),
    durable_seconds_(metrics::histogram_snapshot::with_bounds(
      metrics::default_latency_buckets())) {
  policy_.synced(log_->durable_end_offset());
  policy_.appended(log_->end_offset());
  // The log lives and dies with this object, so capturing `this` is safe.
  log_->on_fsync([this](std::chrono::nanoseconds d) {
    fsync_seconds_.observe(to_seconds(d));
  });
}

void partition_state::publish_answered(std::chrono::nanoseconds took) {
  durable_seconds_.observe(to_seconds(took));
}

caf::error partition_state::rebuild_producers() {
  auto next = log_->start_offset();
  for (;;) {
    auto batches = log_->read_batches(next, read_budget);
    if (!batches)
      return std::move(batches.error());
    if (batches->empty())
      return caf::none;
    for (auto& b : *batches) {
      if (!b.producer_id.empty() && b.base_sequence >= 0)
        producers_.record(b.producer_id, b.base_sequence, b.base_offset,
                          b.records.size());
      next = std::max(next, b.next_offset());
    }
  }
}

caf::expected<int64_t>
partition_state::append_run(std::vector<events::envelope>& evs,
                            size_t first, size_t last) {
  log::record_batch batch;
  batch.producer_id = evs[first].producer_id;
  batch.base_sequence = batch.producer_id.empty() ? -1 : evs[first].sequence;
  batch.records.reserve(last - first);
  for (auto i = first; i < last; ++i) {
    auto& ev = evs[i];
    ev.partition = settings_.partition;
    ev.offset = -1;
    log::record rec;
    rec.timestamp = to_ms(ev.time);
    rec.key = ev.key;
    auto bytes = events::to_bytes(ev);
    rec.payload.assign(bytes.begin(), bytes.end());
    batch.records.push_back(std::move(rec));
  }
  auto base = log_->append(batch);
  if (!base)
    return base;
  // What a read of these offsets would decode, kept for the tail readers.
  for (auto i = first; i < last; ++i) {
    auto& ev = evs[i];
    ev.topic = settings_.topic.name;
    ev.offset = *base + static_cast<int64_t>(i - first);
    recent_.push(std::move(ev));
  }
  policy_.appended(log_->end_offset());
  if (!batch.producer_id.empty())
    producers_.record(batch.producer_id, batch.base_sequence, *base,
                      last - first);
  return base;
}

caf::expected<partition_state::append_outcome>
partition_state::append(std::vector<events::envelope> evs) {
  append_outcome out;
  out.offsets.assign(evs.size(), -1);
  size_t i = 0;
  while (i < evs.size()) {
    auto& ev = evs[i];
    auto j = i + 1;
    if (!ev.producer_id.empty()) {
      auto chk = producers_.check(ev.producer_id, ev.sequence);
      if (chk.what == producer_table::verdict::duplicate) {
        out.offsets[i] = chk.offset;
        out.needed_end = std::max(out.needed_end, chk.offset + 1);
        ++i;
        continue;
      }
      if (chk.what == producer_table::verdict::gap)
        return caf::make_error(errc::sequence_gap, settings_.topic.name,
                               settings_.partition, ev.producer_id, "expected",
                               chk.expected, "got", ev.sequence);
      while (j < evs.size() && evs[j].producer_id == ev.producer_id
             && evs[j].sequence == evs[j - 1].sequence + 1)
        ++j;
    } else {
      while (j < evs.size() && evs[j].producer_id.empty())
        ++j;
    }
    auto base = append_run(evs, i, j);
    if (!base)
      return std::move(base.error());
    for (auto k = i; k < j; ++k)
      out.offsets[k] = *base + static_cast<int64_t>(k - i);
    out.needed_end
      = std::max(out.needed_end, *base + static_cast<int64_t>(j - i));
    i = j;
  }
  return out;
}

caf::error partition_state::sync() {
  if (auto err = log_->sync())
    return err;
  policy_.synced(log_->durable_end_offset());
  return caf::none;
}

caf::expected<std::shared_ptr<log::pending_sync>>
partition_state::begin_sync() {
  auto p = log_->begin_sync();
  if (!p)
    return std::move(p.error());
  return std::make_shared<log::pending_sync>(std::move(*p));
}

caf::error partition_state::end_sync(const log::pending_sync& p,
                                     caf::error result) {
  if (auto err = log_->end_sync(p, std::move(result)))
    return err;
  policy_.synced(log_->durable_end_offset());
  return caf::none;
}

int64_t partition_state::written_end() const noexcept {
  return log_->end_offset();
}

caf::expected<std::vector<events::envelope>>
partition_state::read(int64_t from, int32_t max_events,
                      bool include_unsynced) {
  auto batch = scan(from, max_events, include_unsynced, {});
  if (!batch)
    return std::move(batch.error());
  return std::move(batch->events);
}

caf::expected<partition_state::read_batch>
partition_state::scan(int64_t from, int32_t max_events, bool include_unsynced,
                      const events::type_filter& filter) {
  read_batch result;
  from = std::max(from, log_->start_offset());
  result.next = from;
  auto upto = include_unsynced ? written_end() : acked_end();
  if (from >= upto || max_events <= 0)
    return result;
  // One record per offset: reading past from + max_events (unfiltered) or
  // max_scan_events (filtered) would decode and CRC-check records only to
  // drop them.
  auto limit = filter.accepts_all()
                 ? static_cast<int64_t>(max_events)
                 : std::max<int64_t>(max_scan_events, max_events);
  upto = std::min(upto, from + limit);
  if (recent_.covers(from)) {
    result.next = recent_.copy(from, upto, max_events, result.events, filter);
    return result;
  }
  auto recs = log_->read(from, read_budget, upto);
  if (!recs)
    return std::move(recs.error());
  for (auto& rec : *recs) {
    if (static_cast<int32_t>(result.events.size()) >= max_events)
      break;
    events::envelope ev;
    if (!events::from_bytes(rec.payload.data(), rec.payload.size(), ev))
      return caf::make_error(errc::decode_failed, settings_.topic.name,
                             settings_.partition, "offset", rec.offset);
    result.next = rec.offset + 1;
    if (!filter.accepts(ev.type))
      continue;
    ev.topic = settings_.topic.name;
    ev.partition = settings_.partition;
    ev.offset = rec.offset;
    result.events.push_back(std::move(ev));
  }
  return result;
}

caf::expected<int64_t> partition_state::resolve(const start_position& pos) {
  switch (pos.kind) {
    case start_position::earliest:
      return log_->start_offset();
    case start_position::latest:
      return acked_end();
    case start_position::offset:
      return std::clamp(pos.value, log_->start_offset(), acked_end());
    case start_position::timestamp: {
      auto off = log_->offset_for_timestamp(pos.value);
      if (!off)
        return off;
      return std::clamp(*off, log_->start_offset(), acked_end());
    }
  }
  return caf::make_error(errc::invalid_argument, "bad start position");
}

caf::expected<size_t> partition_state::apply_retention() {
  return log_->apply_retention(settings_.clk->wall_now());
}

int64_t partition_state::start_offset() const noexcept {
  return log_->start_offset();
}

partition_status partition_state::status() const {
  partition_status st;
  st.partition = settings_.partition;
  st.start_offset = log_->start_offset();
  st.end_offset = log_->end_offset();
  st.durable_end_offset = log_->durable_end_offset();
  st.bytes = log_->stats().bytes;
  st.segments = log_->stats().segments;
  st.fsync_seconds = fsync_seconds_;
  st.durable_seconds = durable_seconds_;
  return st;
}

} // namespace actorbus::broker
