#pragma once

#include <functional>
#include <map>
#include <string>
#include <type_traits>
#include <utility>

#include "actors/broker/typed_producer.hpp" // make_envelope
#include "actors/consumer/consumer_logic.hpp"
#include "actors/consumer/processed_ids.hpp"
#include "runtime/errc.hpp"
#include "runtime/events/event_codec.hpp"

namespace actorbus::consumer {

/// The effect "publish `event` with partition key `key`" (after `delay`).
template <class T>
effect make_effect(std::string key, const T& event,
                   caf::timespan delay = caf::timespan{0}) {
  auto correlation = key;
  return effect{broker::make_envelope(std::move(key), event,
                                      std::move(correlation)),
                delay};
}

/// consumer_logic from typed handlers over a value `State`, split the event
/// sourcing way:
///
///   typed_logic<counts> logic;
///   logic.on<item_added>(            // decide: input -> effect or nothing
///     [](const counts& s, const item_added& x, const envelope&)
///       -> std::optional<effect> { return make_effect(x.key, counted{...}); })
///     .on_own<counted>(              // evolve: own event -> state
///       [](counts& s, const counted& x, const envelope&) { ... });
///
/// `handle` runs the decide handler of the input's type (types without one
/// are ignored: no effect) and folds a returned effect into the state with
/// the evolve handler of its type, so the live state always equals the one
/// rebuilt from the log. An own event of a type without evolve handler, or
/// a payload that does not decode, is an error (the actor ends). Handlers
/// may throw (let it crash).
template <class State>
class typed_logic : public consumer_logic {
public:
  using decide_fn = std::function<caf::expected<std::optional<effect>>(
    const State&, const events::envelope&)>;
  using evolve_fn
    = std::function<caf::error(State&, const events::envelope&)>;

  explicit typed_logic(State init = State{}) : state_(std::move(init)) {}

  /// Decide handler for input type T: `std::optional<effect>(const State&,
  /// const T&, const envelope&)`.
  template <class T, class F>
  typed_logic& on(F fun) {
    decide_[std::string{events::event_type_name_v<T>}] =
      [fun](const State& st, const events::envelope& ev)
      -> caf::expected<std::optional<effect>> {
      auto typed = events::decode<T>(ev.payload);
      if (!typed)
        return std::move(typed.error());
      return std::optional<effect>{fun(st, *typed, ev)};
    };
    return *this;
  }

  /// Evolve handler for own event type T: `void(State&, const T&, const
  /// envelope&)`.
  template <class T, class F>
  typed_logic& on_own(F fun) {
    evolve_[std::string{events::event_type_name_v<T>}] =
      [fun](State& st, const events::envelope& ev) -> caf::error {
      auto typed = events::decode<T>(ev.payload);
      if (!typed)
        return std::move(typed.error());
      fun(st, *typed, ev);
      return caf::none;
    };
    return *this;
  }

  const State& state() const noexcept { return state_; }

  caf::error apply_own(const events::envelope& own) override {
    auto i = evolve_.find(own.type);
    if (i == evolve_.end())
      return caf::make_error(errc::unknown_event_type, own.type);
    return i->second(state_, own);
  }

  caf::expected<std::optional<effect>>
  handle(const events::envelope& in, int32_t) override {
    auto i = decide_.find(in.type);
    if (i == decide_.end())
      return std::optional<effect>{};
    auto out = i->second(state_, in);
    if (!out || !*out)
      return out;
    (*out)->event.causation_id = id_text(in.id);
    if (auto err = apply_own((*out)->event))
      return err;
    return out;
  }

private:
  State state_;
  std::map<std::string, decide_fn> decide_;
  std::map<std::string, evolve_fn> evolve_;
};

} // namespace actorbus::consumer
