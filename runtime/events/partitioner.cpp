#include "runtime/events/partitioner.hpp"

namespace actorbus::events {

int32_t murmur2(std::string_view key) noexcept {
  // Port of org.apache.kafka.common.utils.Utils.murmur2 (32-bit arithmetic
  // with wrap-around, done in uint32_t to avoid signed overflow).
  const uint32_t seed = 0x9747b28c;
  const uint32_t m = 0x5bd1e995;
  const int r = 24;
  auto data = reinterpret_cast<const unsigned char*>(key.data());
  auto length = static_cast<uint32_t>(key.size());
  uint32_t h = seed ^ length;
  uint32_t length4 = length / 4;
  for (uint32_t i = 0; i < length4; ++i) {
    uint32_t i4 = i * 4;
    uint32_t k = uint32_t{data[i4 + 0]} | (uint32_t{data[i4 + 1]} << 8)
                 | (uint32_t{data[i4 + 2]} << 16)
                 | (uint32_t{data[i4 + 3]} << 24);
    k *= m;
    k ^= k >> r;
    k *= m;
    h *= m;
    h ^= k;
  }
  auto tail = length & ~3u;
  switch (length % 4) {
    case 3:
      h ^= uint32_t{data[tail + 2]} << 16;
      [[fallthrough]];
    case 2:
      h ^= uint32_t{data[tail + 1]} << 8;
      [[fallthrough]];
    case 1:
      h ^= uint32_t{data[tail]};
      h *= m;
  }
  h ^= h >> 13;
  h *= m;
  h ^= h >> 15;
  return static_cast<int32_t>(h);
}

int32_t partition_for_key(std::string_view key, int32_t count) noexcept {
  auto positive = static_cast<uint32_t>(murmur2(key)) & 0x7fffffffu;
  return static_cast<int32_t>(positive % static_cast<uint32_t>(count));
}

} // namespace actorbus::events
