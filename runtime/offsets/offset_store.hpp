#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "caf/error.hpp"
#include "caf/expected.hpp"

#include "runtime/log/durability_policy.hpp"
#include "runtime/log/file_system.hpp"

namespace actorbus::offsets {

/// Identifies one committed position.
struct offset_key {
  std::string group;
  std::string topic;
  int32_t partition = 0;

  friend bool operator<(const offset_key& x, const offset_key& y) {
    return std::tie(x.group, x.topic, x.partition)
           < std::tie(y.group, y.topic, y.partition);
  }
  friend bool operator==(const offset_key& x, const offset_key& y) {
    return std::tie(x.group, x.topic, x.partition)
           == std::tie(y.group, y.topic, y.partition);
  }
};

/// One entry of `offset_store::all()`.
struct committed_offset {
  offset_key key;
  /// The next offset the group will consume (Kafka convention: one past the
  /// last processed record).
  int64_t offset = 0;
};

/// Committed consumer offsets per (group, topic, partition), kept in memory
/// and persisted as one snapshot file `<dir>/offsets` (format in
/// runtime/log/FORMAT.md) replaced atomically: write `offsets.tmp`,
/// fdatasync, rename over `offsets`, fsync the directory.
///
/// DURABILITY CONTRACT: after `flush()` returns `none` every commit made
/// before the call survives a crash. With `durability::always`, `commit`
/// flushes before returning, so a commit that returned `none` is durable.
/// With `interval` the owner calls `flush()` when its `durability_policy`
/// says so (use `version()` as the "offset" fed to the policy); with `none`
/// `flush()` writes the file without any fsync.
///
/// After a failed flush the in-memory state is unchanged (the commit is
/// kept) and the previous snapshot file is intact; the next flush retries.
/// Not thread-safe; one owner (the broker). Blocking I/O.
class offset_store {
public:
  /// Opens the store in `dir` (created if missing) and loads the snapshot.
  /// A damaged snapshot (bad magic, CRC or length) fails with
  /// `errc::corrupted_log`. `fs` must outlive the store.
  static caf::expected<std::unique_ptr<offset_store>>
  open(log::file_system& fs, std::string dir, log::durability mode);

  /// Records `offset` for the key (it may move backwards, e.g. a reset).
  /// Flushes first under `durability::always`.
  caf::error commit(const std::string& group, const std::string& topic,
                    int32_t partition, int64_t offset);

  /// The committed offset, or -1 when nothing was committed for the key.
  int64_t get(const std::string& group, const std::string& topic,
              int32_t partition) const;

  /// Every committed offset, ordered by (group, topic, partition).
  std::vector<committed_offset> all() const;

  /// Writes the snapshot if anything changed since the last flush.
  caf::error flush();

  /// Number of commits so far (monotonic; feeds a durability_policy).
  int64_t version() const noexcept { return version_; }
  /// `version()` at the last successful flush (or open).
  int64_t flushed_version() const noexcept { return flushed_version_; }

private:
  offset_store(log::file_system& fs, std::string dir, log::durability mode);

  caf::error load();

  log::file_system* fs_;
  std::string dir_;
  log::durability mode_;
  std::map<offset_key, int64_t> offsets_;
  int64_t version_ = 0;
  int64_t flushed_version_ = 0;
};

} // namespace actorbus::offsets
