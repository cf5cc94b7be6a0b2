#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>
#include <type_traits>

#include "caf/actor.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/stateful_actor.hpp"
#include "caf/system_messages.hpp"
#include "caf/timespan.hpp"

#include "actors/broker/consume_messages.hpp"
#include "runtime/errc.hpp"
#include "runtime/events/event_codec.hpp"

namespace actorbus::broker {

/// Typed handlers per event type name. A handler is
/// `void(const T&, const envelope&)` (success unless it throws) or
/// `caf::error(const T&, const envelope&)` (a non-empty error nacks the
/// event). Throwing kills the consumer actor ("let it crash"); the broker
/// then redelivers its unacked events to the group.
class handler_set {
public:
  using raw_handler = std::function<caf::error(const events::envelope&)>;

  template <class T, class F>
  handler_set& on(F fun) {
    auto name = std::string{events::event_type_name_v<T>};
    (*handlers_)[name] = [fun](const events::envelope& ev) -> caf::error {
      auto typed = events::decode<T>(ev.payload);
      if (!typed)
        return std::move(typed.error());
      if constexpr (std::is_same_v<decltype(fun(*typed, ev)), void>) {
        fun(*typed, ev);
        return caf::none;
      } else {
        return fun(*typed, ev);
      }
    };
    return *this;
  }

  /// Decodes and runs the handler for `ev.type`; errc::unknown_event_type
  /// without one, errc::decode_failed for a bad payload.
  caf::error dispatch(const events::envelope& ev) const;

  bool empty() const { return handlers_->empty(); }

private:
  std::shared_ptr<std::map<std::string, raw_handler>> handlers_
    = std::make_shared<std::map<std::string, raw_handler>>();
};

/// How a consumer joins and handles events.
struct consumer_config {
  caf::actor broker;
  std::string group;
  std::string topic;
  /// Credit window (max unacked events); 0 = the broker's default.
  int64_t credit = 0;
  start_position start;
  /// The group's type filter (see join_request); empty: every type.
  std::vector<std::string> types;
  /// Redelivery delay requested with each nack.
  caf::timespan retry_delay = std::chrono::seconds{1};
  handler_set handlers;
};

/// A consumer actor: joins `group` at start, runs the typed handler of each
/// delivered event in delivery order and acks it after the handler returned
/// (one ack message per delivery batch). A handler error nacks the event
/// with `retry_delay`; later events of that partition that the broker sent
/// before it saw the nack (same or older generation) are skipped unacked, so
/// the broker's redelivery restarts the partition at the nacked event and
/// the handlers see each partition in offset order. The broker never sends
/// more than the credit window, so the mailbox stays bounded.
struct consumer_state {
  consumer_config cfg;
  caf::actor coordinator;
  /// Partition -> generation of a nack; deliveries of that partition with a
  /// generation <= it are skipped.
  std::map<int32_t, int64_t> blocked;
  uint64_t handled = 0;
  uint64_t nacked = 0;
  uint64_t skipped = 0;

  static inline const char* name = "consumer";
};

caf::behavior consumer_actor(caf::stateful_actor<consumer_state>* self,
                             consumer_config cfg);

} // namespace actorbus::broker
