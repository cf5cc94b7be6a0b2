#pragma once

#include <string_view>

namespace actorbus::log::fuzz {

/// Feeds `bytes` to the segment reader and to partition-log recovery (as
/// the active segment and as a sealed one) and aborts with a message if
/// anything breaks a promise: the reader must always move forward and end,
/// never return a batch whose CRC fails, recovery must keep exactly the
/// valid prefix of an active segment and refuse a damaged sealed segment
/// with errc::corrupted_log, and whatever is read back must re-encode to
/// the very bytes on disk.
void check_segment_bytes(std::string_view bytes);

} // namespace actorbus::log::fuzz
