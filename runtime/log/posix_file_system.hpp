#pragma once

#include "runtime/log/file_system.hpp"

namespace actorbus::log {

/// The real file system: open/pwrite/pread/fdatasync/rename/fsync(dir).
/// ENOSPC maps to `errc::disk_full`, every other errno to `errc::io_error`
/// with the path and strerror in the context.
class posix_file_system final : public file_system {
public:
  caf::expected<std::unique_ptr<writable_file>>
  open_writable(const std::string& path) override;
  caf::expected<std::unique_ptr<readable_file>>
  open_readable(const std::string& path) override;
  caf::expected<std::vector<std::string>> list(const std::string& dir) override;
  caf::expected<std::vector<std::string>>
  list_dirs(const std::string& dir) override;
  caf::error create_dirs(const std::string& dir) override;
  caf::error remove(const std::string& path) override;
  caf::error rename(const std::string& from, const std::string& to) override;
  caf::error sync_dir(const std::string& dir) override;
  bool exists(const std::string& path) override;

  /// A process-wide instance (stateless).
  static posix_file_system& instance();
};

} // namespace actorbus::log
