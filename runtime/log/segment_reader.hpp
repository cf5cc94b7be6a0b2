#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/log/batch_codec.hpp"
#include "runtime/log/file_system.hpp"

namespace actorbus::log {

/// What `segment_reader::next()` found at the current position.
enum class frame_status {
  /// A batch with a matching CRC and a valid structure.
  batch,
  /// The position is exactly the end of the readable range: a clean end.
  end,
  /// Fewer than 8 bytes left for the length and CRC.
  truncated_header,
  /// The length field is below the minimum or above the format maximum.
  bad_length,
  /// The length field points past the end of the range.
  truncated_body,
  /// The CRC does not match the body.
  bad_crc,
  /// The CRC matches but the body is not a valid batch (never a torn write).
  malformed,
  /// Reading the file failed (`error()` has the I/O error).
  io_error,
};

const char* to_string(frame_status x) noexcept;

/// Scans the batch frames of one segment file sequentially, from a start
/// position up to a byte limit, through a read buffer. It verifies every
/// frame (FORMAT.md) and never returns a batch whose CRC fails; it only
/// moves forward, so a scan ends after at most `limit / 62` batches.
/// Classifying a bad frame (torn tail versus corruption) is the caller's job.
class segment_reader {
public:
  /// Reads `[start, limit)` of `file`, fetching at least `read_ahead` bytes
  /// per read call (a whole batch if it is larger).
  segment_reader(const readable_file& file, uint64_t start, uint64_t limit,
                 size_t read_ahead = 256 * 1024);

  /// Reads the frame at `position()`. On `frame_status::batch`, `body()`
  /// and `summary()` describe it and `position()` moves past it; on any
  /// other status the position stays at the bad frame.
  frame_status next();

  /// Start of the frame last returned as a batch (or of the bad frame).
  uint64_t frame_position() const noexcept { return frame_pos_; }
  /// Where the next frame starts.
  uint64_t position() const noexcept { return pos_; }
  /// Total bytes of the last batch frame (length + 4).
  uint64_t frame_size() const noexcept { return body_.size() + 8; }
  /// The last batch's body (valid until the next call).
  std::string_view body() const noexcept { return body_; }
  const batch_summary& summary() const noexcept { return summary_; }
  /// Why the last frame was `malformed` (static string), or the I/O error.
  const char* problem() const noexcept { return problem_; }
  const caf::error& error() const noexcept { return error_; }

private:
  bool fill(uint64_t pos, size_t size);

  const readable_file* file_;
  uint64_t pos_;
  uint64_t limit_;
  size_t read_ahead_;
  uint64_t frame_pos_;
  std::string buf_;
  uint64_t buf_pos_ = 0;
  std::string_view body_;
  batch_summary summary_;
  const char* problem_ = "";
  caf::error error_;
};

} // namespace actorbus::log
