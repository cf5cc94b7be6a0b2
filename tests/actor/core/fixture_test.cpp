#include "tests/support/actor_fixture.hpp"

#include "caf/event_based_actor.hpp"

using namespace std::chrono_literals;

namespace {

using tick_atom = caf::atom_constant<caf::atom("tick")>;

struct ticker_state {
  int ticks = 0;
};

caf::behavior ticker(caf::stateful_actor<ticker_state>* self) {
  self->delayed_send(self, 1s, tick_atom::value);
  return {
    [=](tick_atom) {
      ++self->state.ticks;
      self->delayed_send(self, 1s, tick_atom::value);
    },
  };
}

} // namespace

using FixtureTest = actorbus::test::actor_fixture;

TEST_F(FixtureTest, SimulatedTimeDrivesTimers) {
  auto t = sys.spawn(ticker);
  run();
  EXPECT_EQ(state_of<ticker_state>(t).ticks, 0);
  advance(1s);
  EXPECT_EQ(state_of<ticker_state>(t).ticks, 1);
  advance(500ms);
  EXPECT_EQ(state_of<ticker_state>(t).ticks, 1);
  advance(500ms);
  EXPECT_EQ(state_of<ticker_state>(t).ticks, 2);
  caf::anon_send_exit(t, caf::exit_reason::kill);
}
