#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/log/crc32c.hpp"
#include "runtime/log/record.hpp"

namespace actorbus::log {

/// Byte layout constants of a record batch (FORMAT.md, "Record batch").
/// `length` and `crc` precede the body.
constexpr size_t frame_prefix_bytes = 8;
/// The fixed part of a batch frame before the producer id.
constexpr size_t batch_head_bytes = 42;
/// Fixed bytes per record (timestamp + three length/count fields).
constexpr size_t record_fixed_bytes = 20;
/// Smallest and largest legal `length` field values.
constexpr uint32_t min_batch_length = batch_head_bytes + record_fixed_bytes - 4;
constexpr uint64_t max_format_batch_bytes = 64 * 1024 * 1024;
constexpr uint32_t max_batch_length = max_format_batch_bytes - 4;
constexpr uint8_t batch_magic = 1;

/// Size of the frame `encode_batch` would produce for `batch`.
size_t encoded_size(const record_batch& batch) noexcept;

/// Appends the frame of `batch` with offsets starting at `base_offset` to
/// `out`. Requires a non-empty batch of at most `max_format_batch_bytes`.
void encode_batch(const record_batch& batch, int64_t base_offset,
                  std::string& out);

/// What the fixed head of a batch says (fields of a body that passed its
/// CRC and `validate_body`).
struct batch_summary {
  int64_t base_offset = 0;
  uint32_t record_count = 0;
  int64_t max_timestamp = 0;
};

/// Checks the structure of a batch body (the bytes after the CRC, i.e.
/// frame position 8 to the end): magic, reserved fields, record count,
/// records filling the body exactly, max timestamp. Returns nullptr and
/// fills `out` on success, otherwise a static description of the problem.
const char* validate_body(std::string_view body, batch_summary& out) noexcept;

/// Decodes a body that passed `validate_body` into a batch with offsets
/// set.
record_batch decode_body(std::string_view body);

/// Little-endian integer helpers shared by the log's file formats.
void put_u16(std::string& out, uint16_t x);
void put_u32(std::string& out, uint32_t x);
void put_u64(std::string& out, uint64_t x);
uint16_t get_u16(const char* p) noexcept;
uint32_t get_u32(const char* p) noexcept;
uint64_t get_u64(const char* p) noexcept;
inline int64_t get_i64(const char* p) noexcept {
  return static_cast<int64_t>(get_u64(p));
}

} // namespace actorbus::log
