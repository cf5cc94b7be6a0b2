#include "runtime/log/partition_log.hpp"

#include <algorithm>

#include "runtime/errc.hpp"
#include "runtime/log/segment.hpp"
#include "runtime/log/segment_reader.hpp"

namespace actorbus::log {

caf::error partition_log::corruption(const std::string& segment_name,
                                     uint64_t position,
                                     const std::string& what) const {
  return caf::make_error(errc::corrupted_log,
                         name() + " segment " + segment_name + " at byte "
                           + std::to_string(position) + ": " + what);
}

size_t partition_log::segment_index_of(int64_t offset) const {
  auto i = std::upper_bound(segments_.begin(), segments_.end(), offset,
                            [](int64_t x, const std::unique_ptr<segment>& s) {
                              return x < s->base_offset();
                            });
  return i == segments_.begin() ? 0 : (i - segments_.begin()) - 1;
}

caf::expected<int64_t> partition_log::clamp_read(int64_t from,
                                                 int64_t upto) const {
  if (from < start_offset() || from > end_offset())
    return caf::make_error(errc::offset_out_of_range,
                           name() + ": offset " + std::to_string(from)
                             + " outside [" + std::to_string(start_offset())
                             + ", " + std::to_string(end_offset()) + "]");
  return upto < 0 ? end_offset() : std::min(upto, end_offset());
}

// Calls `on_batch(reader)` for every valid batch from the one containing
// `from` on, until it returns false or the log ends. Every batch passed its
// CRC; anything else inside the valid range is corruption.
template <class F>
caf::error partition_log::scan_from(int64_t from, size_t max_bytes,
                                    F&& on_batch) {
  // Read about what the caller asked for (plus framing), not a whole chunk.
  auto read_ahead
    = std::clamp<size_t>(max_bytes + max_bytes / 4 + 512, 4096, 1 << 20);
  for (auto i = segment_index_of(from); i < segments_.size(); ++i) {
    auto& seg = *segments_[i];
    segment_reader in{seg.reader(), seg.index().position_for(from), seg.size(),
                      read_ahead};
    for (;;) {
      auto status = in.next();
      if (status == frame_status::end)
        break;
      if (status == frame_status::io_error)
        return in.error();
      if (status != frame_status::batch)
        return corruption(seg.name(), in.frame_position(), to_string(status));
      auto& sum = in.summary();
      if (sum.base_offset + sum.record_count <= from)
        continue;
      if (!on_batch(in))
        return caf::none;
    }
  }
  return caf::none;
}

caf::expected<std::vector<record>>
partition_log::read(int64_t from, size_t max_bytes, int64_t upto) {
  auto limit = clamp_read(from, upto);
  if (!limit)
    return std::move(limit.error());
  std::vector<record> result;
  if (from >= *limit)
    return result;
  size_t bytes = 0;
  auto err = scan_from(from, max_bytes, [&](const segment_reader& in) {
    auto batch = decode_body(in.body());
    for (auto& x : batch.records) {
      if (x.offset < from)
        continue;
      if (x.offset >= *limit
          || (!result.empty() && bytes + x.byte_size() > max_bytes))
        return false;
      bytes += x.byte_size();
      result.emplace_back(std::move(x));
    }
    return true;
  });
  if (err)
    return err;
  return result;
}

caf::expected<std::vector<record_batch>>
partition_log::read_batches(int64_t from, size_t max_bytes, int64_t upto) {
  auto limit = clamp_read(from, upto);
  if (!limit)
    return std::move(limit.error());
  std::vector<record_batch> result;
  size_t bytes = 0;
  auto err = scan_from(from, max_bytes, [&](const segment_reader& in) {
    auto& sum = in.summary();
    if (sum.base_offset + sum.record_count > *limit
        || (!result.empty() && bytes + in.frame_size() > max_bytes))
      return false;
    bytes += in.frame_size();
    result.emplace_back(decode_body(in.body()));
    return true;
  });
  if (err)
    return err;
  return result;
}

caf::expected<int64_t> partition_log::offset_for_timestamp(int64_t ts) {
  for (auto& seg : segments_) {
    if (seg->empty() || seg->max_timestamp() < ts)
      continue;
    auto start = seg->index().scan_start_for_time(ts);
    segment_reader in{seg->reader(), seg->index().position_for(start),
                      seg->size()};
    for (;;) {
      auto status = in.next();
      if (status == frame_status::io_error)
        return in.error();
      if (status != frame_status::batch)
        return corruption(seg->name(), in.frame_position(),
                          status == frame_status::end
                            ? "timestamp index past the last batch"
                            : to_string(status));
      if (in.summary().max_timestamp < ts)
        continue;
      for (auto& x : decode_body(in.body()).records)
        if (x.timestamp >= ts)
          return x.offset;
    }
  }
  return end_offset();
}

} // namespace actorbus::log
