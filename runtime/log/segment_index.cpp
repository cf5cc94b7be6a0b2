#include "runtime/log/segment_index.hpp"

#include <algorithm>

#include "runtime/errc.hpp"
#include "runtime/log/batch_codec.hpp"

namespace actorbus::log {

namespace {

constexpr char offset_magic[] = "ABIX";
constexpr char time_magic[] = "ABTI";
constexpr size_t header_bytes = 44;

caf::expected<std::string> read_all(file_system& fs, const std::string& path) {
  auto file = fs.open_readable(path);
  if (!file)
    return std::move(file.error());
  auto size = (*file)->size();
  if (!size)
    return std::move(size.error());
  std::string buf(*size, '\0');
  auto n = (*file)->read(0, buf.size(), buf.data());
  if (!n)
    return std::move(n.error());
  buf.resize(*n);
  return buf;
}

caf::error write_atomically(file_system& fs, const std::string& dir,
                            const std::string& name, const std::string& data) {
  auto tmp = join_path(dir, name + ".tmp");
  auto file = fs.open_writable(tmp);
  if (!file)
    return std::move(file.error());
  if (auto err = (*file)->truncate(0))
    return err;
  if (auto err = (*file)->append(data.data(), data.size()))
    return err;
  if (auto err = (*file)->sync())
    return err;
  return fs.rename(tmp, join_path(dir, name));
}

} // namespace

segment_index::segment_index(int64_t base_offset, uint64_t interval_bytes)
  : interval_(std::max<uint64_t>(interval_bytes, 1)) {
  info_.base_offset = base_offset;
  info_.next_offset = base_offset;
}

void segment_index::add_batch(int64_t base_offset, int64_t next_offset,
                              uint64_t position, uint64_t size,
                              int64_t max_timestamp) {
  if (offsets_.empty() || bytes_since_entry_ >= interval_) {
    offsets_.push_back({base_offset, static_cast<int64_t>(position)});
    times_.push_back({info_.max_timestamp, base_offset});
    bytes_since_entry_ = 0;
  }
  bytes_since_entry_ += size;
  info_.next_offset = next_offset;
  info_.segment_bytes = position + size;
  info_.max_timestamp = std::max(info_.max_timestamp, max_timestamp);
}

uint64_t segment_index::position_for(int64_t offset) const noexcept {
  auto i = std::upper_bound(offsets_.begin(), offsets_.end(), offset,
                            [](int64_t x, const entry& e) { return x < e.a; });
  return i == offsets_.begin() ? 0 : static_cast<uint64_t>((i - 1)->b);
}

int64_t segment_index::scan_start_for_time(int64_t ts) const noexcept {
  // Entries' "max timestamp before" is non-decreasing; take the last < ts.
  auto i = std::lower_bound(times_.begin(), times_.end(), ts,
                            [](const entry& e, int64_t x) { return e.a < x; });
  return i == times_.begin() ? info_.base_offset : (i - 1)->b;
}

std::string segment_index::encode(const char* magic,
                                  const std::vector<entry>& xs) const {
  std::string out{magic, 4};
  out += static_cast<char>(1);
  out.append(3, '\0');
  put_u64(out, static_cast<uint64_t>(info_.base_offset));
  put_u64(out, static_cast<uint64_t>(info_.next_offset));
  put_u64(out, info_.segment_bytes);
  put_u64(out, static_cast<uint64_t>(info_.max_timestamp));
  put_u32(out, static_cast<uint32_t>(xs.size()));
  for (auto& x : xs) {
    put_u64(out, static_cast<uint64_t>(x.a));
    put_u64(out, static_cast<uint64_t>(x.b));
  }
  put_u32(out, crc32c(out.data(), out.size()));
  return out;
}

bool segment_index::decode(const std::string& bytes, const char* magic,
                           summary& info, std::vector<entry>& xs) {
  if (bytes.size() < header_bytes + 4 || bytes.compare(0, 4, magic, 4) != 0
      || bytes[4] != 1 || bytes[5] != 0 || bytes[6] != 0 || bytes[7] != 0)
    return false;
  auto p = bytes.data();
  auto count = get_u32(p + 40);
  if (bytes.size() != header_bytes + 16ull * count + 4
      || get_u32(p + bytes.size() - 4) != crc32c(p, bytes.size() - 4))
    return false;
  info.base_offset = get_i64(p + 8);
  info.next_offset = get_i64(p + 16);
  info.segment_bytes = get_u64(p + 24);
  info.max_timestamp = get_i64(p + 32);
  xs.resize(count);
  for (uint32_t i = 0; i < count; ++i)
    xs[i] = {get_i64(p + 44 + 16 * i), get_i64(p + 52 + 16 * i)};
  return true;
}

caf::error segment_index::write(file_system& fs, const std::string& dir) const {
  auto base = info_.base_offset;
  if (auto err = write_atomically(fs, dir, index_name(base),
                                  encode(offset_magic, offsets_)))
    return err;
  if (auto err = write_atomically(fs, dir, time_index_name(base),
                                  encode(time_magic, times_)))
    return err;
  return fs.sync_dir(dir);
}

std::optional<segment_index> segment_index::load(file_system& fs,
                                                 const std::string& dir,
                                                 int64_t base_offset,
                                                 uint64_t segment_bytes,
                                                 uint64_t interval_bytes) {
  auto off_bytes = read_all(fs, join_path(dir, index_name(base_offset)));
  auto time_bytes = read_all(fs, join_path(dir, time_index_name(base_offset)));
  if (!off_bytes || !time_bytes)
    return std::nullopt;
  segment_index result{base_offset, interval_bytes};
  summary a;
  summary b;
  if (!decode(*off_bytes, offset_magic, a, result.offsets_)
      || !decode(*time_bytes, time_magic, b, result.times_))
    return std::nullopt;
  if (!(a == b) || a.base_offset != base_offset
      || a.segment_bytes != segment_bytes || a.next_offset < base_offset
      || result.offsets_.size() != result.times_.size())
    return std::nullopt;
  // Entries must be strictly increasing, inside the segment, and agree.
  int64_t prev_off = base_offset - 1;
  int64_t prev_pos = -1;
  int64_t prev_ts = std::numeric_limits<int64_t>::min();
  for (size_t i = 0; i < result.offsets_.size(); ++i) {
    auto [off, pos] = result.offsets_[i];
    auto [ts, toff] = result.times_[i];
    if (off <= prev_off || off >= a.next_offset || pos <= prev_pos
        || static_cast<uint64_t>(pos) >= segment_bytes || toff != off
        || ts < prev_ts || (i == 0 && (off != base_offset || pos != 0)))
      return std::nullopt;
    prev_off = off;
    prev_pos = pos;
    prev_ts = ts;
  }
  if (result.offsets_.empty() && segment_bytes != 0)
    return std::nullopt;
  result.info_ = a;
  return result;
}

std::string segment_index::log_name(int64_t base) {
  return std::to_string(base) + ".log";
}

std::string segment_index::index_name(int64_t base) {
  return std::to_string(base) + ".index";
}

std::string segment_index::time_index_name(int64_t base) {
  return std::to_string(base) + ".timeindex";
}

} // namespace actorbus::log
