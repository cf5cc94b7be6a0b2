#include "runtime/log/durability_policy.hpp"

#include <algorithm>

#include "runtime/errc.hpp"

namespace actorbus::log {

caf::expected<durability> parse_durability(std::string_view str) {
  if (str == "always")
    return durability::always;
  if (str == "interval")
    return durability::interval;
  if (str == "none")
    return durability::none;
  return caf::make_error(errc::invalid_config,
                         "durability must be always, interval or none, got "
                           + std::string{str});
}

std::string_view to_string(durability x) noexcept {
  switch (x) {
    case durability::always:
      return "always";
    case durability::interval:
      return "interval";
    case durability::none:
      return "none";
  }
  return "unknown";
}

durability_policy::durability_policy(durability mode,
                                     std::chrono::milliseconds interval,
                                     const clock& clk)
  : mode_(mode), interval_(interval), clock_(&clk) {
  // nop
}

void durability_policy::appended(int64_t end_offset) {
  if (end_offset <= written_end_)
    return;
  if (!pending())
    first_unsynced_ = clock_->mono_now();
  written_end_ = end_offset;
}

void durability_policy::synced(int64_t durable_end) {
  durable_end_ = std::max(durable_end_, durable_end);
  written_end_ = std::max(written_end_, durable_end_);
}

bool durability_policy::sync_now() const {
  switch (mode_) {
    case durability::always:
      return pending();
    case durability::interval:
      return pending() && clock_->mono_now() - first_unsynced_ >= interval_;
    case durability::none:
      return false;
  }
  return false;
}

std::optional<std::chrono::nanoseconds> durability_policy::sync_after() const {
  if (mode_ != durability::interval || !pending())
    return std::nullopt;
  auto due = first_unsynced_ + interval_;
  auto now = clock_->mono_now();
  return due <= now ? std::chrono::nanoseconds{0} : due - now;
}

int64_t durability_policy::acked_end_offset() const noexcept {
  return mode_ == durability::always ? durable_end_ : written_end_;
}

} // namespace actorbus::log
