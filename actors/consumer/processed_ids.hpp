#pragma once

#include <cstddef>
#include <string>

#include <boost/uuid/uuid.hpp>

#include "runtime/events/event_id_set.hpp"

namespace actorbus::consumer {

/// The text form of an event id used in inboxes and causation ids (32
/// lowercase hex digits, no dashes).
using events::id_text;

/// The inbox of a resumable consumer: ids of the input events whose effect
/// is in its state. An id enters together with the consumer's own event
/// that it caused, so the inbox is rebuilt from the causation ids of the
/// consumer's own topic (event sourcing) and is exactly as durable as the
/// state. Value type, not thread-safe; owned by one actor instance.
class processed_ids {
public:
  /// Whether the input event `id` was processed.
  bool contains(const std::string& id) const { return ids_.contains(id); }
  bool contains(const boost::uuids::uuid& id) const {
    return ids_.contains(id);
  }

  /// Marks `id` as processed; empty ids (events without a cause) are ignored.
  void record(const std::string& id) { ids_.insert(id); }
  void record(const boost::uuids::uuid& id) { ids_.insert(id); }

  size_t size() const noexcept { return ids_.size(); }

  friend bool operator==(const processed_ids& x, const processed_ids& y) {
    return x.ids_ == y.ids_;
  }

private:
  events::event_id_set ids_;
};

} // namespace actorbus::consumer
