#include "actors/broker/sync_ticker.hpp"

namespace actorbus::broker {

namespace {

using self_ptr = caf::stateful_actor<sync_ticker_state>*;

/// Fires the ticker (to self).
using tick_atom = caf::atom_constant<caf::atom("tick")>;

void arm(self_ptr self) {
  auto& st = self->state;
  if (st.due.empty())
    return;
  auto earliest = st.due.begin()->first;
  if (st.armed && st.armed_for <= earliest)
    return;
  st.armed = true;
  st.armed_for = earliest;
  auto now = self->clock().now();
  auto delay = earliest > now ? earliest - now : caf::timespan{0};
  self->delayed_send(self, delay, tick_atom::value);
}

} // namespace

caf::behavior sync_ticker(self_ptr self, caf::timespan slack) {
  self->state.slack = slack;
  return {
    [=](sync_due_atom, caf::actor_clock::time_point deadline) {
      auto who = caf::actor_cast<caf::actor>(self->current_sender());
      if (!who)
        return;
      self->state.due.emplace(deadline, std::move(who));
      arm(self);
    },
    [=](tick_atom) {
      auto& st = self->state;
      auto now = self->clock().now();
      // A tick armed for a deadline that an earlier one replaced is stale.
      if (st.armed && st.armed_for <= now + st.slack)
        st.armed = false;
      auto end = st.due.upper_bound(now + st.slack);
      for (auto i = st.due.begin(); i != end; ++i)
        self->send(i->second, sync_atom::value);
      st.due.erase(st.due.begin(), end);
      arm(self);
    },
  };
}

} // namespace actorbus::broker
