#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include <cstdint>
#include <cstring>

#include <boost/unordered/unordered_flat_set.hpp>
#include <boost/uuid/uuid.hpp>

namespace actorbus::events {

/// The text form of an event id used in causation ids and inboxes: 32
/// lowercase hex digits, no dashes.
std::string id_text(const boost::uuids::uuid& id);

/// The id whose `id_text` is `text`; nullopt for any other text.
std::optional<boost::uuids::uuid> parse_id_text(std::string_view text);

/// Hashes an event id by its bytes: ids are random (version 4), so folding
/// the two halves is already well mixed.
struct event_id_hash {
  size_t operator()(const boost::uuids::uuid& id) const noexcept {
    uint64_t lo;
    uint64_t hi;
    std::memcpy(&lo, id.data, sizeof(lo));
    std::memcpy(&hi, id.data + sizeof(lo), sizeof(hi));
    return static_cast<size_t>(lo ^ hi);
  }
};

/// A set of event ids as inboxes keep them (causation ids): an id in the
/// `id_text` form is stored as its 16 bytes in an open-addressing table
/// (boost::unordered_flat_set: no node per entry, one probe in the common
/// case), any other text as is. Empty ids are never members. Value type,
/// not thread-safe.
class event_id_set {
public:
  bool contains(const boost::uuids::uuid& id) const {
    return ids_.count(id) != 0;
  }
  bool contains(std::string_view id) const;

  /// Adds `id`; false if it was there already or is empty.
  bool insert(const boost::uuids::uuid& id) { return ids_.insert(id).second; }
  bool insert(std::string_view id);

  /// Removes `id`; false if it was not there.
  bool erase(const boost::uuids::uuid& id) { return ids_.erase(id) != 0; }

  size_t size() const noexcept { return ids_.size() + others_.size(); }

  friend bool operator==(const event_id_set& x, const event_id_set& y) {
    return x.ids_ == y.ids_ && x.others_ == y.others_;
  }

private:
  boost::unordered_flat_set<boost::uuids::uuid, event_id_hash> ids_;
  std::unordered_set<std::string> others_;
};

} // namespace actorbus::events
