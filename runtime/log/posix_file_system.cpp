#include "runtime/log/posix_file_system.hpp"

#include <cerrno>
#include <cstring>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/errc.hpp"

namespace actorbus::log {

namespace {

caf::error os_error(const char* op, const std::string& path, int code) {
  auto what = std::string{op} + " " + path + ": " + std::strerror(code);
  return caf::make_error(code == ENOSPC ? errc::disk_full : errc::io_error,
                         std::move(what));
}

class posix_writable final : public writable_file {
public:
  posix_writable(int fd, std::string path, uint64_t size)
    : fd_(fd), path_(std::move(path)), size_(size) {
    // nop
  }

  ~posix_writable() override { ::close(fd_); }

  caf::error append(const char* data, size_t size) override {
    while (size > 0) {
      auto n = ::pwrite(fd_, data, size, static_cast<off_t>(size_));
      if (n < 0) {
        if (errno == EINTR)
          continue;
        return os_error("write", path_, errno);
      }
      data += n;
      size -= static_cast<size_t>(n);
      size_ += static_cast<uint64_t>(n);
    }
    return caf::none;
  }

  caf::error sync() override {
    if (::fdatasync(fd_) != 0)
      return os_error("fdatasync", path_, errno);
    return caf::none;
  }

  caf::error truncate(uint64_t size) override {
    if (::ftruncate(fd_, static_cast<off_t>(size)) != 0)
      return os_error("ftruncate", path_, errno);
    size_ = size;
    return caf::none;
  }

  uint64_t size() const override { return size_; }

private:
  int fd_;
  std::string path_;
  uint64_t size_;
};

class posix_readable final : public readable_file {
public:
  posix_readable(int fd, std::string path) : fd_(fd), path_(std::move(path)) {
    // nop
  }

  ~posix_readable() override { ::close(fd_); }

  caf::expected<size_t> read(uint64_t pos, size_t size,
                             char* out) const override {
    size_t total = 0;
    while (total < size) {
      auto n = ::pread(fd_, out + total, size - total,
                       static_cast<off_t>(pos + total));
      if (n < 0) {
        if (errno == EINTR)
          continue;
        return os_error("read", path_, errno);
      }
      if (n == 0)
        break;
      total += static_cast<size_t>(n);
    }
    return total;
  }

  caf::expected<uint64_t> size() const override {
    struct stat st;
    if (::fstat(fd_, &st) != 0)
      return os_error("stat", path_, errno);
    return static_cast<uint64_t>(st.st_size);
  }

private:
  int fd_;
  std::string path_;
};

} // namespace

std::string join_path(const std::string& dir, const std::string& name) {
  if (dir.empty())
    return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

caf::expected<std::unique_ptr<writable_file>>
posix_file_system::open_writable(const std::string& path) {
  auto fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    return os_error("open", path, errno);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    auto err = os_error("stat", path, errno);
    ::close(fd);
    return err;
  }
  return std::make_unique<posix_writable>(fd, path,
                                          static_cast<uint64_t>(st.st_size));
}

caf::expected<std::unique_ptr<readable_file>>
posix_file_system::open_readable(const std::string& path) {
  auto fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return os_error("open", path, errno);
  return std::make_unique<posix_readable>(fd, path);
}

caf::expected<std::vector<std::string>>
posix_file_system::list(const std::string& dir) {
  auto* d = ::opendir(dir.c_str());
  if (d == nullptr)
    return os_error("opendir", dir, errno);
  std::vector<std::string> result;
  while (auto* entry = ::readdir(d)) {
    std::string name = entry->d_name;
    struct stat st;
    if (::stat(join_path(dir, name).c_str(), &st) == 0 && S_ISREG(st.st_mode))
      result.emplace_back(std::move(name));
  }
  ::closedir(d);
  return result;
}

caf::expected<std::vector<std::string>>
posix_file_system::list_dirs(const std::string& dir) {
  auto* d = ::opendir(dir.c_str());
  if (d == nullptr)
    return os_error("opendir", dir, errno);
  std::vector<std::string> result;
  while (auto* entry = ::readdir(d)) {
    std::string name = entry->d_name;
    if (name == "." || name == "..")
      continue;
    struct stat st;
    if (::stat(join_path(dir, name).c_str(), &st) == 0 && S_ISDIR(st.st_mode))
      result.emplace_back(std::move(name));
  }
  ::closedir(d);
  return result;
}

caf::error posix_file_system::create_dirs(const std::string& dir) {
  std::string prefix;
  size_t pos = 0;
  while (pos != std::string::npos) {
    pos = dir.find('/', pos + 1);
    prefix = dir.substr(0, pos);
    if (prefix.empty())
      continue;
    if (::mkdir(prefix.c_str(), 0755) != 0 && errno != EEXIST)
      return os_error("mkdir", prefix, errno);
  }
  return caf::none;
}

caf::error posix_file_system::remove(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT)
    return os_error("unlink", path, errno);
  return caf::none;
}

caf::error posix_file_system::rename(const std::string& from,
                                     const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0)
    return os_error("rename", from, errno);
  return caf::none;
}

caf::error posix_file_system::sync_dir(const std::string& dir) {
  auto fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return os_error("open", dir, errno);
  auto rc = ::fsync(fd);
  auto code = errno;
  ::close(fd);
  if (rc != 0)
    return os_error("fsync", dir, code);
  return caf::none;
}

bool posix_file_system::exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

posix_file_system& posix_file_system::instance() {
  static posix_file_system fs;
  return fs;
}

} // namespace actorbus::log
