#include "runtime/log/segment_reader.hpp"

#include <algorithm>

namespace actorbus::log {

const char* to_string(frame_status x) noexcept {
  switch (x) {
    case frame_status::batch:
      return "batch";
    case frame_status::end:
      return "end";
    case frame_status::truncated_header:
      return "truncated header";
    case frame_status::bad_length:
      return "impossible length";
    case frame_status::truncated_body:
      return "truncated batch";
    case frame_status::bad_crc:
      return "bad crc";
    case frame_status::malformed:
      return "malformed batch";
    case frame_status::io_error:
      return "read error";
  }
  return "unknown";
}

segment_reader::segment_reader(const readable_file& file, uint64_t start,
                               uint64_t limit, size_t read_ahead)
  : file_(&file),
    pos_(start),
    limit_(limit),
    read_ahead_(read_ahead),
    frame_pos_(start) {
  // nop
}

// Makes [pos, pos + size) available in buf_, reading ahead by a chunk.
bool segment_reader::fill(uint64_t pos, size_t size) {
  if (pos >= buf_pos_ && pos + size <= buf_pos_ + buf_.size())
    return true;
  auto want = std::max<uint64_t>(size, read_ahead_);
  want = std::min<uint64_t>(want, limit_ - pos);
  buf_.resize(want);
  auto n = file_->read(pos, want, buf_.data());
  if (!n) {
    error_ = std::move(n.error());
    buf_.clear();
    return false;
  }
  buf_.resize(*n);
  buf_pos_ = pos;
  return *n >= size;
}

frame_status segment_reader::next() {
  frame_pos_ = pos_;
  body_ = {};
  if (pos_ >= limit_)
    return frame_status::end;
  auto left = limit_ - pos_;
  if (left < frame_prefix_bytes) {
    return fill(pos_, left) ? frame_status::truncated_header
                            : frame_status::io_error;
  }
  if (!fill(pos_, frame_prefix_bytes))
    return error_ ? frame_status::io_error : frame_status::truncated_header;
  auto head = buf_.data() + (pos_ - buf_pos_);
  auto length = get_u32(head);
  auto crc = get_u32(head + 4);
  if (length < min_batch_length || length > max_batch_length)
    return frame_status::bad_length;
  if (length + 4ull > left)
    return frame_status::truncated_body;
  auto body_size = length - 4;
  if (!fill(pos_ + frame_prefix_bytes, body_size))
    return error_ ? frame_status::io_error : frame_status::truncated_body;
  std::string_view body{buf_.data() + (pos_ + frame_prefix_bytes - buf_pos_),
                        body_size};
  if (crc32c(body.data(), body.size()) != crc)
    return frame_status::bad_crc;
  if (auto why = validate_body(body, summary_)) {
    problem_ = why;
    return frame_status::malformed;
  }
  body_ = body;
  pos_ += length + 4ull;
  return frame_status::batch;
}

} // namespace actorbus::log
