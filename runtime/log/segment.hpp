#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "caf/error.hpp"

#include "runtime/log/batch_codec.hpp"
#include "runtime/log/file_system.hpp"
#include "runtime/log/segment_index.hpp"

namespace actorbus::log {

/// One segment of a partition log: the `<base>.log` file, a reader for it,
/// its in-memory index and, while it is the active segment, a writer.
/// Owned by `partition_log`; single-threaded.
class segment {
public:
  /// `writer` is null for a sealed segment.
  segment(std::string dir, segment_index index,
          std::unique_ptr<readable_file> reader,
          std::unique_ptr<writable_file> writer);

  int64_t base_offset() const noexcept { return index_.info().base_offset; }
  int64_t next_offset() const noexcept { return index_.info().next_offset; }
  /// Bytes of valid batches (the file may be longer only while a failed
  /// append could not be truncated away).
  uint64_t size() const noexcept { return index_.info().segment_bytes; }
  int64_t max_timestamp() const noexcept { return index_.info().max_timestamp; }
  bool sealed() const noexcept { return writer_ == nullptr; }
  bool empty() const noexcept { return next_offset() == base_offset(); }

  /// Writes one encoded batch frame with one call. On failure, truncates
  /// the file back to its previous size (best effort) and returns the write
  /// error; the index is unchanged.
  caf::error append(const std::string& frame, const batch_summary& batch);

  /// fdatasync of the file (active segment only).
  caf::error sync();

  /// Writes the index files and drops the writer (the caller syncs the
  /// segment first).
  caf::error seal(file_system& fs);

  /// Removes the `.log` and index files (no directory sync).
  caf::error remove(file_system& fs);

  const readable_file& reader() const noexcept { return *reader_; }
  /// The writer (null once sealed); shared so that a `pending_sync` can
  /// fdatasync it on another thread even if the segment rolls meanwhile.
  std::shared_ptr<writable_file> writer() const noexcept { return writer_; }
  const segment_index& index() const noexcept { return index_; }
  std::string name() const { return segment_index::log_name(base_offset()); }

private:
  std::string dir_;
  segment_index index_;
  std::unique_ptr<readable_file> reader_;
  std::shared_ptr<writable_file> writer_;
};

} // namespace actorbus::log
