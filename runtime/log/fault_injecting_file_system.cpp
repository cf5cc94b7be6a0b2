#include "runtime/log/fault_injecting_file_system.hpp"

#include <algorithm>
#include <random>
#include <set>

namespace actorbus::log {

struct fault_injecting_file_system::node {
  std::string data;
  std::string synced;
};

namespace {

using node_ptr = std::shared_ptr<fault_injecting_file_system::node>;

std::string parent_of(const std::string& path) {
  auto pos = path.find_last_of('/');
  return pos == std::string::npos ? std::string{"."} : path.substr(0, pos);
}

caf::error missing(const std::string& path) {
  return caf::make_error(errc::io_error, "no such file: " + path);
}

class fault_reader final : public readable_file {
public:
  explicit fault_reader(node_ptr x) : node_(std::move(x)) {
    // nop
  }

  caf::expected<size_t> read(uint64_t pos, size_t size,
                             char* out) const override {
    auto& data = node_->data;
    if (pos >= data.size())
      return size_t{0};
    auto n = std::min<uint64_t>(size, data.size() - pos);
    std::copy_n(data.data() + pos, n, out);
    return static_cast<size_t>(n);
  }

  caf::expected<uint64_t> size() const override { return node_->data.size(); }

private:
  node_ptr node_;
};

} // namespace

class fault_file final : public writable_file {
public:
  fault_file(fault_injecting_file_system* fs, std::string path, node_ptr x)
    : fs_(fs), path_(std::move(path)), node_(std::move(x)) {
    // nop
  }

  caf::error append(const char* data, size_t size) override {
    size_t allowed = size;
    auto err = fs_->before_append(path_, size, allowed);
    node_->data.append(data, allowed);
    return err;
  }

  caf::error sync() override {
    if (auto err = fs_->before_sync(path_))
      return err;
    node_->synced = node_->data;
    return caf::none;
  }

  caf::error truncate(uint64_t size) override {
    node_->data.resize(size);
    return caf::none;
  }

  uint64_t size() const override { return node_->data.size(); }

private:
  fault_injecting_file_system* fs_;
  std::string path_;
  node_ptr node_;
};

fault_injecting_file_system::fault_injecting_file_system() {
  dirs_["."] = true;
  dirs_["/"] = true;
}

fault_injecting_file_system::~fault_injecting_file_system() = default;

caf::expected<std::unique_ptr<writable_file>>
fault_injecting_file_system::open_writable(const std::string& path) {
  if (dirs_.count(parent_of(path)) == 0)
    return missing(parent_of(path));
  auto& x = live_[path];
  if (!x)
    x = std::make_shared<node>();
  return std::make_unique<fault_file>(this, path, x);
}

caf::expected<std::unique_ptr<readable_file>>
fault_injecting_file_system::open_readable(const std::string& path) {
  auto i = live_.find(path);
  if (i == live_.end())
    return missing(path);
  return std::make_unique<fault_reader>(i->second);
}

caf::expected<std::vector<std::string>>
fault_injecting_file_system::list(const std::string& dir) {
  if (dirs_.count(dir) == 0)
    return missing(dir);
  std::vector<std::string> result;
  for (auto& [path, x] : live_)
    if (parent_of(path) == dir)
      result.emplace_back(path.substr(dir.size() + 1));
  return result;
}

caf::expected<std::vector<std::string>>
fault_injecting_file_system::list_dirs(const std::string& dir) {
  if (dirs_.count(dir) == 0)
    return missing(dir);
  std::vector<std::string> result;
  for (auto& [path, x] : dirs_)
    if (parent_of(path) == dir)
      result.emplace_back(path.substr(dir.size() + 1));
  return result;
}

caf::error fault_injecting_file_system::create_dirs(const std::string& dir) {
  for (auto p = dir; !p.empty() && p != "." && p != "/"; p = parent_of(p))
    dirs_[p] = true;
  return caf::none;
}

caf::error fault_injecting_file_system::remove(const std::string& path) {
  live_.erase(path);
  return caf::none;
}

caf::error fault_injecting_file_system::rename(const std::string& from,
                                               const std::string& to) {
  auto i = live_.find(from);
  if (i == live_.end())
    return missing(from);
  auto x = i->second;
  live_.erase(i);
  live_[to] = std::move(x);
  return caf::none;
}

caf::error fault_injecting_file_system::sync_dir(const std::string& dir) {
  if (auto err = before_sync(dir))
    return err;
  for (auto i = durable_.begin(); i != durable_.end();)
    i = parent_of(i->first) == dir ? durable_.erase(i) : std::next(i);
  for (auto& [path, x] : live_)
    if (parent_of(path) == dir)
      durable_[path] = x;
  return caf::none;
}

bool fault_injecting_file_system::exists(const std::string& path) {
  return live_.count(path) > 0 || dirs_.count(path) > 0;
}

void fault_injecting_file_system::fail_write(uint64_t nth, errc code,
                                             size_t keep) {
  fail_write_at_ = appends_ + nth;
  fail_write_code_ = code;
  fail_write_keep_ = keep;
}

void fault_injecting_file_system::fail_sync(uint64_t nth) {
  fail_sync_at_ = sync_calls_ + nth;
}

void fault_injecting_file_system::set_capacity(uint64_t bytes) {
  capacity_ = bytes;
}

uint64_t fault_injecting_file_system::total_bytes() const {
  std::set<const node*> seen;
  uint64_t total = 0;
  for (auto& [path, x] : live_)
    if (seen.insert(x.get()).second)
      total += x->data.size();
  return total;
}

caf::error fault_injecting_file_system::before_append(const std::string& path,
                                                      size_t size,
                                                      size_t& allowed) {
  ++appends_;
  if (fail_write_at_ != 0 && appends_ == fail_write_at_) {
    fail_write_at_ = 0;
    allowed = std::min(size, fail_write_keep_);
    return caf::make_error(fail_write_code_, "injected write failure: " + path);
  }
  if (capacity_ != 0) {
    auto used = total_bytes();
    if (used + size > capacity_) {
      allowed = used >= capacity_ ? 0 : capacity_ - used;
      return caf::make_error(errc::disk_full,
                             "write " + path + ": No space left on device");
    }
  }
  allowed = size;
  return caf::none;
}

caf::error fault_injecting_file_system::before_sync(const std::string& path) {
  ++sync_calls_;
  if (fail_sync_at_ != 0 && sync_calls_ == fail_sync_at_) {
    fail_sync_at_ = 0;
    return caf::make_error(errc::io_error, "injected fsync failure: " + path);
  }
  ++syncs_;
  return caf::none;
}

void fault_injecting_file_system::power_loss(uint64_t torn_seed) {
  std::mt19937_64 rng{torn_seed};
  live_ = durable_;
  std::set<node*> done;
  for (auto& [path, x] : live_) {
    if (!done.insert(x.get()).second)
      continue;
    auto& data = x->data;
    auto& synced = x->synced;
    std::string kept;
    if (torn_seed != 0 && data.size() > synced.size()
        && data.compare(0, synced.size(), synced) == 0) {
      auto tail = data.size() - synced.size();
      auto n = static_cast<size_t>(rng() % (tail + 1));
      kept = data.substr(synced.size(), n);
      if (rng() % 4 == 0)
        std::fill(kept.begin(), kept.end(), '\0');
    }
    data = synced + kept;
    synced = data;
  }
}

std::string
fault_injecting_file_system::contents(const std::string& path) const {
  auto i = live_.find(path);
  return i == live_.end() ? std::string{} : i->second->data;
}

void fault_injecting_file_system::set_contents(const std::string& path,
                                               std::string bytes) {
  static_cast<void>(create_dirs(parent_of(path)));
  auto& x = live_[path];
  if (!x)
    x = std::make_shared<node>();
  x->data = bytes;
  x->synced = std::move(bytes);
  durable_[path] = x;
}

} // namespace actorbus::log
