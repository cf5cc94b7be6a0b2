#include "runtime/log/crc32c.hpp"

#include <cstring>

#include <boost/crc.hpp>

#if defined(__x86_64__)
#  include <nmmintrin.h>
#endif

namespace actorbus::log {

namespace {

using boost_crc32c
  = boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true>;

#if defined(__x86_64__)

// The crc32 instruction computes the reflected CRC-32C step without the
// initial and final inversion; 8 bytes per instruction, then the tail.
__attribute__((target("sse4.2"))) uint32_t
crc32c_sse42(const char* data, size_t size) noexcept {
  uint64_t crc = 0xFFFFFFFFu;
  while (size >= 8) {
    uint64_t word;
    std::memcpy(&word, data, 8);
    crc = _mm_crc32_u64(crc, word);
    data += 8;
    size -= 8;
  }
  auto crc32 = static_cast<uint32_t>(crc);
  while (size > 0) {
    crc32 = _mm_crc32_u8(crc32, static_cast<uint8_t>(*data));
    ++data;
    --size;
  }
  return ~crc32;
}

bool detect_sse42() noexcept {
  __builtin_cpu_init();
  return __builtin_cpu_supports("sse4.2") != 0;
}

#endif

} // namespace

uint32_t crc32c_portable(const char* data, size_t size) noexcept {
  boost_crc32c crc;
  crc.process_bytes(data, size);
  return crc.checksum();
}

bool crc32c_accelerated() noexcept {
#if defined(__x86_64__)
  static const bool result = detect_sse42();
  return result;
#else
  return false;
#endif
}

uint32_t crc32c(const char* data, size_t size) noexcept {
#if defined(__x86_64__)
  if (crc32c_accelerated())
    return crc32c_sse42(data, size);
#endif
  return crc32c_portable(data, size);
}

} // namespace actorbus::log
