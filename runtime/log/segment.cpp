#include "runtime/log/segment.hpp"

namespace actorbus::log {

segment::segment(std::string dir, segment_index index,
                 std::unique_ptr<readable_file> reader,
                 std::unique_ptr<writable_file> writer)
  : dir_(std::move(dir)),
    index_(std::move(index)),
    reader_(std::move(reader)),
    writer_(std::move(writer)) {
  // nop
}

caf::error segment::append(const std::string& frame,
                           const batch_summary& batch) {
  auto pos = size();
  if (auto err = writer_->append(frame.data(), frame.size())) {
    // Never leave half a batch behind; if even this fails, the next open
    // finds a torn tail and truncates it.
    static_cast<void>(writer_->truncate(pos));
    return err;
  }
  index_.add_batch(batch.base_offset, batch.base_offset + batch.record_count,
                   pos, frame.size(), batch.max_timestamp);
  return caf::none;
}

caf::error segment::sync() {
  return writer_ ? writer_->sync() : caf::none;
}

caf::error segment::seal(file_system& fs) {
  if (auto err = index_.write(fs, dir_))
    return err;
  writer_.reset();
  return caf::none;
}

caf::error segment::remove(file_system& fs) {
  auto base = base_offset();
  for (auto name :
       {segment_index::log_name(base), segment_index::index_name(base),
        segment_index::time_index_name(base)})
    if (auto err = fs.remove(join_path(dir_, name)))
      return err;
  return caf::none;
}

} // namespace actorbus::log
