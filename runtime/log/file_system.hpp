#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "caf/error.hpp"
#include "caf/expected.hpp"

namespace actorbus::log {

/// A file opened for appending. Owned by one segment; not thread-safe.
class writable_file {
public:
  virtual ~writable_file() = default;

  /// Appends `size` bytes at the end of the file (retrying short writes).
  /// Fails with `errc::disk_full` on ENOSPC and `errc::io_error` otherwise;
  /// after a failure an unknown prefix of the bytes may be in the file, so
  /// the caller truncates back to its last known size.
  virtual caf::error append(const char* data, size_t size) = 0;

  /// fdatasync: after `none` is returned, every byte appended before the call
  /// survives a crash or power loss.
  virtual caf::error sync() = 0;

  /// Shrinks the file to `size` bytes (the next append continues there).
  virtual caf::error truncate(uint64_t size) = 0;

  /// Bytes in the file as seen by this handle (appended, not necessarily
  /// synced).
  virtual uint64_t size() const = 0;
};

/// A file opened for positional reads. Reads see every byte appended so far
/// through a `writable_file` of the same process (synced or not).
class readable_file {
public:
  virtual ~readable_file() = default;

  /// Reads up to `size` bytes at `pos` into `out`; returns the number of
  /// bytes read, fewer than `size` only at the end of the file.
  virtual caf::expected<size_t> read(uint64_t pos, size_t size,
                                     char* out) const = 0;

  /// The current size of the file.
  virtual caf::expected<uint64_t> size() const = 0;
};

/// The narrow file interface of the log: everything the log does to disk
/// goes through it, so tests can inject faults (see
/// fault_injecting_file_system.hpp). Paths are plain strings joined with '/'.
/// Implementations are used by one thread at a time.
class file_system {
public:
  virtual ~file_system() = default;

  /// Opens `path` for appending, creating an empty file if it is missing.
  /// Creating a file is durable only after `sync_dir` on its directory.
  virtual caf::expected<std::unique_ptr<writable_file>>
  open_writable(const std::string& path) = 0;

  /// Opens an existing file for reading.
  virtual caf::expected<std::unique_ptr<readable_file>>
  open_readable(const std::string& path) = 0;

  /// Names (not paths) of the regular files in `dir`, unsorted.
  virtual caf::expected<std::vector<std::string>> list(const std::string& dir)
    = 0;

  /// Names (not paths) of the subdirectories of `dir`, unsorted.
  virtual caf::expected<std::vector<std::string>>
  list_dirs(const std::string& dir) = 0;

  /// Creates `dir` and its missing parents (like `mkdir -p`).
  virtual caf::error create_dirs(const std::string& dir) = 0;

  /// Removes a file; removing a missing file is not an error.
  virtual caf::error remove(const std::string& path) = 0;

  /// Atomically replaces `to` with `from` (rename(2)); durable after
  /// `sync_dir` on the directory.
  virtual caf::error rename(const std::string& from, const std::string& to) = 0;

  /// fsyncs the directory itself so that created, renamed and removed
  /// entries survive a crash.
  virtual caf::error sync_dir(const std::string& dir) = 0;

  /// Whether a file or directory exists at `path`.
  virtual bool exists(const std::string& path) = 0;
};

/// Returns `dir + "/" + name`.
std::string join_path(const std::string& dir, const std::string& name);

} // namespace actorbus::log
