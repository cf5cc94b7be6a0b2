#include "runtime/log/batch_codec.hpp"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <limits>

namespace actorbus::log {

namespace {

size_t record_size(const record& x) noexcept {
  size_t n = record_fixed_bytes + x.key.size() + x.payload.size();
  for (auto& [k, v] : x.headers)
    n += 8 + k.size() + v.size();
  return n;
}

void put_bytes(std::string& out, const std::string& x) {
  put_u32(out, static_cast<uint32_t>(x.size()));
  out += x;
}

// Reads length-prefixed fields from a body; every accessor checks bounds.
class body_cursor {
public:
  explicit body_cursor(std::string_view body) : body_(body) {}

  bool u32(uint32_t& x) {
    if (left() < 4)
      return false;
    x = get_u32(body_.data() + pos_);
    pos_ += 4;
    return true;
  }

  bool i64(int64_t& x) {
    if (left() < 8)
      return false;
    x = get_i64(body_.data() + pos_);
    pos_ += 8;
    return true;
  }

  bool bytes(std::string_view& x) {
    uint32_t n = 0;
    if (!u32(n) || left() < n)
      return false;
    x = body_.substr(pos_, n);
    pos_ += n;
    return true;
  }

  void skip(size_t n) noexcept { pos_ += n; }
  size_t left() const noexcept { return body_.size() - pos_; }

private:
  std::string_view body_;
  size_t pos_ = 0;
};

// Walks one record, bounds-checking every field; copies it into `out` when
// `out` is non-null.
bool walk_record(body_cursor& in, record* out) {
  int64_t ts = 0;
  std::string_view key;
  uint32_t header_count = 0;
  if (!in.i64(ts) || !in.bytes(key) || !in.u32(header_count))
    return false;
  if (header_count > in.left() / 8)
    return false;
  if (out) {
    out->timestamp = ts;
    out->key.assign(key);
    out->headers.reserve(header_count);
  }
  for (uint32_t i = 0; i < header_count; ++i) {
    std::string_view k;
    std::string_view v;
    if (!in.bytes(k) || !in.bytes(v))
      return false;
    if (out)
      out->headers.emplace_back(std::string{k}, std::string{v});
  }
  std::string_view payload;
  if (!in.bytes(payload))
    return false;
  if (out)
    out->payload.assign(payload);
  return true;
}

} // namespace

size_t record::byte_size() const noexcept {
  size_t n = key.size() + payload.size();
  for (auto& [k, v] : headers)
    n += k.size() + v.size();
  return n;
}

size_t encoded_size(const record_batch& batch) noexcept {
  size_t n = batch_head_bytes + batch.producer_id.size();
  for (auto& x : batch.records)
    n += record_size(x);
  return n;
}

void encode_batch(const record_batch& batch, int64_t base_offset,
                  std::string& out) {
  assert(!batch.records.empty());
  auto start = out.size();
  auto total = encoded_size(batch);
  out.reserve(start + total);
  put_u32(out, static_cast<uint32_t>(total - 4));
  put_u32(out, 0); // CRC, filled in below
  out += static_cast<char>(batch_magic);
  out += '\0'; // attributes
  put_u16(out, 0);
  put_u64(out, static_cast<uint64_t>(base_offset));
  put_u32(out, static_cast<uint32_t>(batch.records.size()));
  auto max_ts = std::numeric_limits<int64_t>::min();
  for (auto& x : batch.records)
    max_ts = std::max(max_ts, x.timestamp);
  put_u64(out, static_cast<uint64_t>(max_ts));
  put_u64(out, static_cast<uint64_t>(batch.base_sequence));
  put_u16(out, static_cast<uint16_t>(batch.producer_id.size()));
  out += batch.producer_id;
  for (auto& x : batch.records) {
    put_u64(out, static_cast<uint64_t>(x.timestamp));
    put_bytes(out, x.key);
    put_u32(out, static_cast<uint32_t>(x.headers.size()));
    for (auto& [k, v] : x.headers) {
      put_bytes(out, k);
      put_bytes(out, v);
    }
    put_bytes(out, x.payload);
  }
  auto crc = crc32c(out.data() + start + frame_prefix_bytes,
                    total - frame_prefix_bytes);
  std::string crc_bytes;
  put_u32(crc_bytes, crc);
  out.replace(start + 4, 4, crc_bytes);
}

const char* validate_body(std::string_view body, batch_summary& out) noexcept {
  constexpr size_t head = batch_head_bytes - frame_prefix_bytes;
  if (body.size() < head)
    return "batch shorter than its head";
  auto p = body.data();
  if (static_cast<uint8_t>(p[0]) != batch_magic)
    return "unknown batch magic";
  if (p[1] != 0 || get_u16(p + 2) != 0)
    return "reserved batch field not zero";
  out.base_offset = get_i64(p + 4);
  out.record_count = get_u32(p + 12);
  out.max_timestamp = get_i64(p + 16);
  auto producer_len = get_u16(p + 32);
  if (out.record_count == 0)
    return "batch without records";
  if (body.size() - head < producer_len)
    return "producer id exceeds batch";
  body_cursor in{body.substr(head + producer_len)};
  if (out.record_count > in.left() / record_fixed_bytes)
    return "record count exceeds batch";
  auto max_ts = std::numeric_limits<int64_t>::min();
  for (uint32_t i = 0; i < out.record_count; ++i) {
    body_cursor peek = in;
    int64_t ts = 0;
    if (!peek.i64(ts) || !walk_record(in, nullptr))
      return "record exceeds batch";
    max_ts = std::max(max_ts, ts);
  }
  if (in.left() != 0)
    return "bytes after the last record";
  if (max_ts != out.max_timestamp)
    return "max timestamp does not match records";
  if (out.base_offset < 0
      || out.base_offset
           > std::numeric_limits<int64_t>::max() - out.record_count)
    return "base offset out of range";
  return nullptr;
}

record_batch decode_body(std::string_view body) {
  constexpr size_t head = batch_head_bytes - frame_prefix_bytes;
  auto p = body.data();
  record_batch result;
  result.base_offset = get_i64(p + 4);
  auto count = get_u32(p + 12);
  result.base_sequence = get_i64(p + 24);
  auto producer_len = get_u16(p + 32);
  result.producer_id.assign(p + head, producer_len);
  body_cursor in{body.substr(head + producer_len)};
  result.records.resize(count);
  for (uint32_t i = 0; i < count; ++i) {
    [[maybe_unused]] auto ok = walk_record(in, &result.records[i]);
    assert(ok);
    result.records[i].offset = result.base_offset + i;
  }
  return result;
}

void put_u16(std::string& out, uint16_t x) {
  char buf[2] = {static_cast<char>(x), static_cast<char>(x >> 8)};
  out.append(buf, 2);
}

void put_u32(std::string& out, uint32_t x) {
  char buf[4];
  for (int i = 0; i < 4; ++i)
    buf[i] = static_cast<char>(x >> (8 * i));
  out.append(buf, 4);
}

void put_u64(std::string& out, uint64_t x) {
  char buf[8];
  for (int i = 0; i < 8; ++i)
    buf[i] = static_cast<char>(x >> (8 * i));
  out.append(buf, 8);
}

uint16_t get_u16(const char* p) noexcept {
  auto u = reinterpret_cast<const unsigned char*>(p);
  return static_cast<uint16_t>(u[0] | (u[1] << 8));
}

uint32_t get_u32(const char* p) noexcept {
  auto u = reinterpret_cast<const unsigned char*>(p);
  uint32_t x = 0;
  for (int i = 3; i >= 0; --i)
    x = (x << 8) | u[i];
  return x;
}

uint64_t get_u64(const char* p) noexcept {
  auto u = reinterpret_cast<const unsigned char*>(p);
  uint64_t x = 0;
  for (int i = 7; i >= 0; --i)
    x = (x << 8) | u[i];
  return x;
}

} // namespace actorbus::log
