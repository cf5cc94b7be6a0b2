#include "runtime/offsets/offset_store.hpp"

#include "runtime/errc.hpp"
#include "runtime/log/batch_codec.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus::offsets {

namespace {

constexpr char magic[] = "ABOF";
constexpr char file_name[] = "offsets";
constexpr char tmp_name[] = "offsets.tmp";

void put_string(std::string& out, const std::string& x) {
  log::put_u16(out, static_cast<uint16_t>(x.size()));
  out += x;
}

// Reads fields of a snapshot with bounds checks.
struct snapshot_cursor {
  const std::string& buf;
  size_t pos = 0;
  size_t end;

  bool take(size_t n, const char*& p) {
    if (end - pos < n)
      return false;
    p = buf.data() + pos;
    pos += n;
    return true;
  }

  bool string(std::string& x) {
    const char* p = nullptr;
    if (!take(2, p))
      return false;
    auto n = log::get_u16(p);
    if (!take(n, p))
      return false;
    x.assign(p, n);
    return true;
  }
};

} // namespace

offset_store::offset_store(log::file_system& fs, std::string dir,
                           log::durability mode)
  : fs_(&fs), dir_(std::move(dir)), mode_(mode) {
  // nop
}

caf::expected<std::unique_ptr<offset_store>>
offset_store::open(log::file_system& fs, std::string dir,
                   log::durability mode) {
  if (!fs.exists(dir)) {
    if (auto err = fs.create_dirs(dir))
      return err;
  }
  std::unique_ptr<offset_store> store{
    new offset_store(fs, std::move(dir), mode)};
  if (auto err = store->load())
    return err;
  return store;
}

caf::error offset_store::load() {
  static_cast<void>(fs_->remove(log::join_path(dir_, tmp_name)));
  auto path = log::join_path(dir_, file_name);
  if (!fs_->exists(path))
    return caf::none;
  auto file = fs_->open_readable(path);
  if (!file)
    return std::move(file.error());
  auto size = (*file)->size();
  if (!size)
    return std::move(size.error());
  std::string buf(*size, '\0');
  auto n = (*file)->read(0, buf.size(), buf.data());
  if (!n)
    return std::move(n.error());
  auto bad = [&](const char* what) {
    return caf::make_error(errc::corrupted_log,
                           "offset snapshot " + path + ": " + what);
  };
  if (*n != buf.size() || buf.size() < 16 || buf.compare(0, 4, magic, 4) != 0
      || buf[4] != 1 || buf[5] != 0 || buf[6] != 0 || buf[7] != 0)
    return bad("bad header");
  if (log::get_u32(buf.data() + buf.size() - 4)
      != log::crc32c(buf.data(), buf.size() - 4))
    return bad("bad crc");
  auto count = log::get_u32(buf.data() + 8);
  snapshot_cursor in{buf, 12, buf.size() - 4};
  for (uint32_t i = 0; i < count; ++i) {
    offset_key key;
    const char* p = nullptr;
    if (!in.string(key.group) || !in.string(key.topic) || !in.take(12, p))
      return bad("entry exceeds file");
    key.partition = static_cast<int32_t>(log::get_u32(p));
    offsets_[std::move(key)] = log::get_i64(p + 4);
  }
  if (in.pos != in.end)
    return bad("bytes after the last entry");
  return caf::none;
}

caf::error offset_store::commit(const std::string& group,
                                const std::string& topic, int32_t partition,
                                int64_t offset) {
  if (group.size() > 0xFFFF || topic.size() > 0xFFFF)
    return caf::make_error(errc::invalid_argument,
                           "group or topic name longer than 65535 bytes");
  offsets_[offset_key{group, topic, partition}] = offset;
  ++version_;
  return mode_ == log::durability::always ? flush() : caf::none;
}

int64_t offset_store::get(const std::string& group, const std::string& topic,
                          int32_t partition) const {
  auto i = offsets_.find(offset_key{group, topic, partition});
  return i == offsets_.end() ? -1 : i->second;
}

std::vector<committed_offset> offset_store::all() const {
  std::vector<committed_offset> result;
  result.reserve(offsets_.size());
  for (auto& [key, offset] : offsets_)
    result.push_back({key, offset});
  return result;
}

caf::error offset_store::flush() {
  if (version_ == flushed_version_)
    return caf::none;
  std::string buf{magic, 4};
  buf += static_cast<char>(1);
  buf.append(3, '\0');
  log::put_u32(buf, static_cast<uint32_t>(offsets_.size()));
  for (auto& [key, offset] : offsets_) {
    put_string(buf, key.group);
    put_string(buf, key.topic);
    log::put_u32(buf, static_cast<uint32_t>(key.partition));
    log::put_u64(buf, static_cast<uint64_t>(offset));
  }
  log::put_u32(buf, log::crc32c(buf.data(), buf.size()));
  auto tmp = log::join_path(dir_, tmp_name);
  auto durable = mode_ != log::durability::none;
  auto file = fs_->open_writable(tmp);
  if (!file)
    return std::move(file.error());
  caf::error err = (*file)->truncate(0);
  if (!err)
    err = (*file)->append(buf.data(), buf.size());
  if (!err && durable)
    err = (*file)->sync();
  if (!err)
    err = fs_->rename(tmp, log::join_path(dir_, file_name));
  if (!err && durable)
    err = fs_->sync_dir(dir_);
  if (err) {
    logging::error("offsets", "flush failed, will retry",
                   {{"entries", offsets_.size()}, {"error", render(err)}});
    return err;
  }
  flushed_version_ = version_;
  return caf::none;
}

} // namespace actorbus::offsets
