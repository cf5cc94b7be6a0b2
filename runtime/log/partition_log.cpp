#include "runtime/log/partition_log.hpp"

#include <algorithm>

#include "runtime/errc.hpp"
#include "runtime/log/batch_codec.hpp"
#include "runtime/log/segment.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus::log {

std::string partition_dir(const std::string& data_dir, const std::string& topic,
                          int32_t partition) {
  return join_path(join_path(data_dir, topic), std::to_string(partition));
}

partition_log::partition_log(file_system& fs, std::string dir,
                             partition_log_options opts)
  : fs_(&fs), dir_(std::move(dir)), opts_(std::move(opts)) {
  // nop
}

partition_log::~partition_log() = default;

int64_t partition_log::start_offset() const noexcept {
  return segments_.front()->base_offset();
}

int64_t partition_log::end_offset() const noexcept {
  return segments_.back()->next_offset();
}

std::string partition_log::name() const {
  return opts_.topic + "/" + std::to_string(opts_.partition);
}

caf::expected<int64_t> partition_log::append(const record_batch& batch) {
  if (failure_)
    return caf::make_error(errc::log_failed, name() + " refuses appends after "
                                               + render(failure_));
  if (batch.records.empty())
    return caf::make_error(errc::invalid_argument, name() + ": empty batch");
  if (batch.producer_id.size() > 0xFFFF)
    return caf::make_error(errc::invalid_argument,
                           name() + ": producer id longer than 65535 bytes");
  auto size = encoded_size(batch);
  if (size > opts_.max_batch_bytes)
    return caf::make_error(errc::payload_too_large,
                           name() + ": batch of " + std::to_string(size)
                             + " bytes exceeds "
                             + std::to_string(opts_.max_batch_bytes));
  auto* active = segments_.back().get();
  if (!active->empty() && active->size() + size > opts_.segment_bytes) {
    if (auto err = roll())
      return fail(std::move(err));
    active = segments_.back().get();
  }
  auto base = end_offset();
  encode_buf_.clear();
  encode_batch(batch, base, encode_buf_);
  batch_summary summary;
  summary.base_offset = base;
  summary.record_count = static_cast<uint32_t>(batch.records.size());
  summary.max_timestamp = batch.records.front().timestamp;
  for (auto& x : batch.records)
    summary.max_timestamp = std::max(summary.max_timestamp, x.timestamp);
  if (auto err = active->append(encode_buf_, summary))
    return fail(std::move(err));
  stats_.bytes += encode_buf_.size();
  stats_.appended_batches += 1;
  stats_.appended_records += batch.records.size();
  return base;
}

caf::error partition_log::sync() {
  auto p = begin_sync();
  if (!p)
    return std::move(p.error());
  auto err = p->run();
  return end_sync(*p, std::move(err));
}

caf::expected<pending_sync> partition_log::begin_sync() {
  if (failure_)
    return caf::make_error(errc::log_failed,
                           name() + " refuses syncs after " + render(failure_));
  pending_sync result;
  result.clk_ = opts_.clk;
  result.end_offset_ = end_offset();
  if (durable_end_ < end_offset())
    result.file_ = segments_.back()->writer();
  return result;
}

caf::error pending_sync::run() {
  if (!file_)
    return caf::none;
  auto t0 = clk_->mono_now();
  auto err = file_->sync();
  took_ = clk_->mono_now() - t0;
  return err;
}

caf::error partition_log::end_sync(const pending_sync& p, caf::error result) {
  if (p.file_) {
    stats_.fsyncs += 1;
    stats_.fsync_time += p.took();
    if (fsync_observer_)
      fsync_observer_(p.took());
  }
  if (result)
    return failure_ ? result : fail(std::move(result));
  durable_end_ = std::max(durable_end_, p.end_offset());
  return caf::none;
}

caf::error partition_log::timed_sync(segment& seg) {
  auto t0 = opts_.clk->mono_now();
  auto err = seg.sync();
  auto took = opts_.clk->mono_now() - t0;
  stats_.fsyncs += 1;
  stats_.fsync_time += took;
  if (fsync_observer_)
    fsync_observer_(took);
  return err;
}

caf::error partition_log::roll() {
  auto& active = *segments_.back();
  if (auto err = timed_sync(active))
    return err;
  durable_end_ = end_offset();
  if (auto err = active.seal(*fs_))
    return err;
  auto seg = create_segment(end_offset());
  if (!seg)
    return std::move(seg.error());
  segments_.emplace_back(std::move(*seg));
  stats_.segments = segments_.size();
  logging::debug("log", "rolled segment",
                 {{"partition", name()}, {"base_offset", end_offset()}});
  return caf::none;
}

caf::expected<std::unique_ptr<segment>>
partition_log::create_segment(int64_t base) {
  auto path = join_path(dir_, segment_index::log_name(base));
  auto writer = fs_->open_writable(path);
  if (!writer)
    return std::move(writer.error());
  auto reader = fs_->open_readable(path);
  if (!reader)
    return std::move(reader.error());
  if (auto err = fs_->sync_dir(dir_))
    return err;
  return std::make_unique<segment>(
    dir_, segment_index{base, opts_.index_interval_bytes}, std::move(*reader),
    std::move(*writer));
}

caf::error partition_log::fail(caf::error err) {
  failure_ = err;
  logging::error("log", "write failed, refusing appends until reopened",
                 {{"partition", name()},
                  {"end_offset", end_offset()},
                  {"durable_end_offset", durable_end_},
                  {"error", render(err)}});
  return err;
}

caf::expected<size_t> partition_log::apply_retention(clock::wall_time now) {
  auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  now.time_since_epoch())
                  .count();
  size_t deleted = 0;
  while (segments_.size() > 1) {
    auto& oldest = *segments_.front();
    auto by_size
      = opts_.retention_bytes > 0 && stats_.bytes > opts_.retention_bytes;
    auto by_age
      = opts_.retention_age.count() > 0
        && oldest.max_timestamp() < now_ms - opts_.retention_age.count();
    if (!by_size && !by_age)
      break;
    if (auto err = oldest.remove(*fs_))
      return err;
    logging::info("log", "retention deleted segment",
                  {{"partition", name()},
                   {"segment", oldest.name()},
                   {"bytes", oldest.size()},
                   {"reason", by_size ? "size" : "age"}});
    stats_.bytes -= oldest.size();
    segments_.erase(segments_.begin());
    ++deleted;
  }
  if (deleted > 0) {
    stats_.segments = segments_.size();
    stats_.segments_deleted += deleted;
    if (auto err = fs_->sync_dir(dir_))
      return err;
  }
  return deleted;
}

} // namespace actorbus::log
