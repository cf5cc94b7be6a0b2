#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace actorbus::log {

/// One header of a record: a string key/value pair.
using record_header = std::pair<std::string, std::string>;

/// One stored event. `key` and `payload` are opaque bytes (std::string used
/// as a byte container; may contain NUL). Offsets are dense per partition:
/// the first record ever appended gets 0, the next 1, and so on.
struct record {
  /// Assigned by the log on append (ignored on input), set on read.
  int64_t offset = -1;
  /// Milliseconds since the Unix epoch, chosen by the producer/broker.
  int64_t timestamp = 0;
  std::string key;
  std::vector<record_header> headers;
  std::string payload;

  /// Bytes this record counts against a read's `max_bytes` budget:
  /// key + payload + all header keys and values.
  size_t byte_size() const noexcept;

  friend bool operator==(const record& x, const record& y) noexcept {
    return x.offset == y.offset && x.timestamp == y.timestamp && x.key == y.key
           && x.headers == y.headers && x.payload == y.payload;
  }
};

/// A group of records appended together (one write, at most one fsync). The
/// producer id and base sequence are stored in the batch frame so that the
/// broker can rebuild its idempotent-producer table from the log after a
/// restart (see `partition_log::read_batches`).
struct record_batch {
  /// Offset of `records.front()`; assigned by the log on append, set on read.
  int64_t base_offset = -1;
  /// The producer that sent the batch; empty if unknown/not idempotent.
  std::string producer_id;
  /// Producer sequence number of `records.front()` (record i has
  /// `base_sequence + i`), or -1 if the producer sends none.
  int64_t base_sequence = -1;
  std::vector<record> records;

  /// Offset one past the last record (`base_offset + records.size()`).
  int64_t next_offset() const noexcept {
    return base_offset + static_cast<int64_t>(records.size());
  }
};

} // namespace actorbus::log
