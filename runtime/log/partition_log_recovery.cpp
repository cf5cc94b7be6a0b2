#include "runtime/log/partition_log.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "runtime/errc.hpp"
#include "runtime/log/segment.hpp"
#include "runtime/log/segment_reader.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus::log {

namespace {

// Parses "<digits><suffix>" into the base offset.
bool parse_name(const std::string& name, const std::string& suffix,
                int64_t& base) {
  if (name.size() <= suffix.size() || name.size() > suffix.size() + 19
      || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
    return false;
  auto digits = name.substr(0, name.size() - suffix.size());
  if (!std::all_of(digits.begin(), digits.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      }))
    return false;
  base = std::stoll(digits);
  return true;
}

bool ends_with(const std::string& x, const std::string& suffix) {
  return x.size() >= suffix.size()
         && x.compare(x.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string parent_dir(const std::string& path) {
  auto pos = path.find_last_of('/');
  if (pos == std::string::npos)
    return ".";
  return pos == 0 ? "/" : path.substr(0, pos);
}

// Creates `dir` and fsyncs the parent of every directory it had to create.
caf::error create_durably(file_system& fs, const std::string& dir) {
  std::vector<std::string> missing;
  for (auto p = dir; !p.empty() && p != "/" && p != "." && !fs.exists(p);
       p = parent_dir(p))
    missing.push_back(p);
  if (missing.empty())
    return caf::none;
  if (auto err = fs.create_dirs(dir))
    return err;
  for (auto& p : missing)
    if (auto err = fs.sync_dir(parent_dir(p)))
      return err;
  return caf::none;
}

} // namespace

caf::expected<std::unique_ptr<partition_log>>
partition_log::open(file_system& fs, std::string dir,
                    partition_log_options opts) {
  if (opts.segment_bytes == 0 || opts.index_interval_bytes == 0
      || opts.max_batch_bytes == 0
      || opts.max_batch_bytes > max_format_batch_bytes || opts.clk == nullptr)
    return caf::make_error(errc::invalid_argument,
                           "partition log options out of range for "
                             + opts.topic + "/"
                             + std::to_string(opts.partition));
  if (auto err = create_durably(fs, dir))
    return err;
  std::unique_ptr<partition_log> log{
    new partition_log(fs, std::move(dir), std::move(opts))};
  if (auto err = log->recover())
    return err;
  return log;
}

caf::error partition_log::recover() {
  auto names = fs_->list(dir_);
  if (!names)
    return std::move(names.error());
  std::set<int64_t> bases;
  std::vector<std::pair<int64_t, std::string>> index_files;
  for (auto& name : *names) {
    int64_t base = 0;
    if (ends_with(name, ".tmp")) {
      if (auto err = fs_->remove(join_path(dir_, name)))
        return err;
    } else if (parse_name(name, ".log", base)) {
      bases.insert(base);
    } else if (parse_name(name, ".index", base)
               || parse_name(name, ".timeindex", base)) {
      index_files.emplace_back(base, name);
    } else {
      logging::warn("log", "ignoring unknown file",
                    {{"partition", this->name()}, {"file", name}});
    }
  }
  // Index files of missing segments (an interrupted retention) and of the
  // active segment (indexed in memory) go.
  auto active_base = bases.empty() ? int64_t{0} : *bases.rbegin();
  for (auto& [base, name] : index_files)
    if (bases.count(base) == 0 || base == active_base)
      if (auto err = fs_->remove(join_path(dir_, name)))
        return err;
  if (bases.empty()) {
    auto seg = create_segment(0);
    if (!seg)
      return std::move(seg.error());
    segments_.emplace_back(std::move(*seg));
  } else {
    int64_t expected = *bases.begin();
    for (auto base : bases) {
      auto err = base == active_base ? recover_active(base, expected)
                                     : recover_sealed(base, expected);
      if (err)
        return err;
      expected = segments_.back()->next_offset();
    }
  }
  durable_end_ = end_offset();
  stats_.segments = segments_.size();
  stats_.bytes = 0;
  for (auto& seg : segments_)
    stats_.bytes += seg->size();
  return caf::none;
}

caf::error partition_log::recover_sealed(int64_t base, int64_t expected) {
  auto name = segment_index::log_name(base);
  if (base != expected)
    return corruption(name, 0,
                      "segment starts at offset " + std::to_string(base)
                        + " but the previous one ends at "
                        + std::to_string(expected));
  auto reader = fs_->open_readable(join_path(dir_, name));
  if (!reader)
    return std::move(reader.error());
  auto size = (*reader)->size();
  if (!size)
    return std::move(size.error());
  auto index
    = segment_index::load(*fs_, dir_, base, *size, opts_.index_interval_bytes);
  std::optional<segment_index> scanned;
  if (!index || opts_.verify_sealed_segments) {
    uint64_t valid_end = 0;
    auto x = scan(**reader, base, *size, true, valid_end);
    if (!x)
      return std::move(x.error());
    scanned = std::move(*x);
  }
  if (index && scanned && !(index->info() == scanned->info()))
    index.reset();
  if (!index) {
    auto& rebuilt = scanned;
    if (auto err = rebuilt->write(*fs_, dir_))
      return err;
    logging::info("log", "rebuilt segment index",
                  {{"partition", this->name()},
                   {"segment", name},
                   {"entries", rebuilt->entries()}});
    stats_.indexes_rebuilt += 1;
    index = std::move(*rebuilt);
  }
  segments_.emplace_back(std::make_unique<segment>(
    dir_, std::move(*index), std::move(*reader), nullptr));
  return caf::none;
}

caf::error partition_log::recover_active(int64_t base, int64_t expected) {
  auto name = segment_index::log_name(base);
  if (base != expected)
    return corruption(name, 0,
                      "segment starts at offset " + std::to_string(base)
                        + " but the previous one ends at "
                        + std::to_string(expected));
  auto path = join_path(dir_, name);
  auto writer = fs_->open_writable(path);
  if (!writer)
    return std::move(writer.error());
  auto reader = fs_->open_readable(path);
  if (!reader)
    return std::move(reader.error());
  auto size = (*writer)->size();
  uint64_t valid_end = 0;
  auto index = scan(**reader, base, size, false, valid_end);
  if (!index)
    return std::move(index.error());
  if (valid_end < size) {
    if (auto err = (*writer)->truncate(valid_end))
      return err;
    logging::warn("log", "truncated torn tail of active segment",
                  {{"partition", this->name()},
                   {"segment", name},
                   {"position", valid_end},
                   {"dropped_bytes", size - valid_end}});
    stats_.recovered_bytes_dropped += size - valid_end;
  }
  // After a process crash the page cache may still hold unsynced appends;
  // syncing now makes everything recovered durable (FORMAT.md rule 7).
  if (auto err = (*writer)->sync())
    return err;
  segments_.emplace_back(std::make_unique<segment>(
    dir_, std::move(*index), std::move(*reader), std::move(*writer)));
  return caf::none;
}

// Scans a whole segment and builds its index. Sealed: every bad frame is
// corruption. Active: a torn frame ends the valid range at `valid_end`.
caf::expected<segment_index> partition_log::scan(const readable_file& file,
                                                 int64_t base, uint64_t size,
                                                 bool sealed,
                                                 uint64_t& valid_end) {
  auto name = segment_index::log_name(base);
  segment_index index{base, opts_.index_interval_bytes};
  segment_reader in{file, 0, size};
  auto expected = base;
  for (;;) {
    auto status = in.next();
    valid_end = in.frame_position();
    switch (status) {
      case frame_status::end:
        return index;
      case frame_status::io_error:
        return in.error();
      case frame_status::malformed:
        return corruption(name, in.frame_position(),
                          std::string{"malformed batch: "} + in.problem());
      case frame_status::batch:
        break;
      default:
        if (sealed)
          return corruption(name, in.frame_position(), to_string(status));
        return index;
    }
    auto& sum = in.summary();
    if (sum.base_offset != expected)
      return corruption(name, in.frame_position(),
                        "batch has offset " + std::to_string(sum.base_offset)
                          + ", expected " + std::to_string(expected));
    expected += sum.record_count;
    index.add_batch(sum.base_offset, expected, in.frame_position(),
                    in.frame_size(), sum.max_timestamp);
  }
}

} // namespace actorbus::log
