#pragma once

#include <cstdint>
#include <string_view>

namespace actorbus::events {

/// Kafka's murmur2 hash (seed 0x9747b28c) over the key bytes. Stable across
/// processes, machines and compilers (unlike std::hash).
int32_t murmur2(std::string_view key) noexcept;

/// The partition of a non-empty key: `(murmur2(key) & 0x7fffffff) % count`,
/// exactly like Kafka's default partitioner, so the same key always lands in
/// the same partition while the partition count stays the same.
/// Precondition: count > 0.
int32_t partition_for_key(std::string_view key, int32_t count) noexcept;

} // namespace actorbus::events
