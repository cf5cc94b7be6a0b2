#pragma once

#include <cstddef>
#include <cstdint>

namespace actorbus::log {

/// CRC-32C (Castagnoli, reflected, init and final xor 0xFFFFFFFF), the
/// checksum of every log batch, segment index and offsets file.
///
/// `crc32c` uses the CPU's crc32 instruction (SSE 4.2) when the CPU has it
/// (checked once at start-up) and `crc32c_portable` otherwise; both give
/// the same value for every input (tests compare them), so a log written
/// on one machine reads on any other. leveldb does the same
/// (port::AcceleratedCRC32C with a table fallback).
uint32_t crc32c(const char* data, size_t size) noexcept;

/// The reference implementation: Boost.CRC's table-driven crc_optimal.
uint32_t crc32c_portable(const char* data, size_t size) noexcept;

/// Whether `crc32c` runs on the crc32 instruction on this CPU.
bool crc32c_accelerated() noexcept;

} // namespace actorbus::log
