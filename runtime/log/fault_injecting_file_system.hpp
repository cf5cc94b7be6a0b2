#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "runtime/errc.hpp"
#include "runtime/log/file_system.hpp"

namespace actorbus::log {

/// An in-memory file system that models what survives a power loss and
/// injects faults, in the spirit of leveldb's fault_injection_test:
///
/// - Each file remembers the bytes it had at its last successful `sync()`.
///   `power_loss()` resets every file to those bytes (optionally keeping a
///   seeded random prefix of the unsynced tail: a torn write).
/// - Creating, renaming and removing files changes a directory's entries;
///   the entries survive `power_loss()` only if `sync_dir()` ran on that
///   directory afterwards. Directories themselves are always durable.
/// - `fail_write(n, ...)` makes the n-th `append` from now fail (after
///   writing `keep` bytes: a short write); `fail_sync(n)` the n-th sync;
///   `set_capacity(bytes)` makes appends beyond that total fail with ENOSPC
///   (`errc::disk_full`) after writing what fits.
///
/// Handles opened before `power_loss()` must not be used afterwards.
/// Single-threaded, like the log itself.
class fault_injecting_file_system final : public file_system {
public:
  fault_injecting_file_system();
  ~fault_injecting_file_system() override;

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

  /// The n-th append from now (1 = the next) writes `keep` bytes at most
  /// and then fails with `code` (errc::io_error or errc::disk_full).
  void fail_write(uint64_t nth, errc code = errc::io_error, size_t keep = 0);
  /// The n-th file or directory sync from now fails with errc::io_error
  /// (and syncs nothing).
  void fail_sync(uint64_t nth);
  /// Total bytes all files may hold; 0 = unlimited.
  void set_capacity(uint64_t bytes);

  /// Simulates a power loss (see above). `torn_seed != 0` keeps a random
  /// prefix (chosen by the seed) of each file's unsynced bytes.
  void power_loss(uint64_t torn_seed = 0);

  /// Direct access for tests: current bytes of a file (empty if missing),
  /// and replacing them (the new bytes count as synced and the entry as
  /// durable).
  std::string contents(const std::string& path) const;
  void set_contents(const std::string& path, std::string bytes);

  /// Counters of appends and successful syncs (files and dirs) so far.
  uint64_t appends() const noexcept { return appends_; }
  uint64_t syncs() const noexcept { return syncs_; }

  struct node;

private:
  friend class fault_file;
  caf::error before_append(const std::string& path, size_t size,
                           size_t& allowed);
  caf::error before_sync(const std::string& path);
  uint64_t total_bytes() const;

  /// Live entries (path -> file) and those made durable by sync_dir.
  std::map<std::string, std::shared_ptr<node>> live_;
  std::map<std::string, std::shared_ptr<node>> durable_;
  std::map<std::string, bool> dirs_;
  uint64_t appends_ = 0;
  uint64_t syncs_ = 0;
  uint64_t fail_write_at_ = 0;
  errc fail_write_code_ = errc::io_error;
  size_t fail_write_keep_ = 0;
  uint64_t fail_sync_at_ = 0;
  uint64_t sync_calls_ = 0;
  uint64_t capacity_ = 0;
};

} // namespace actorbus::log
