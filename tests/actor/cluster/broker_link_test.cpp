// The broker link connects through the middleman, greets the gateway,
// reconnects with exponential backoff and tells its subscribers. A fake
// middleman stands in for the network so the test runs on the deterministic
// scheduler.
#include "tests/support/actor_fixture.hpp"

#include "caf/event_based_actor.hpp"
#include "caf/io/middleman_actor.hpp"
#include "caf/node_id.hpp"
#include "caf/sec.hpp"
#include "caf/typed_event_based_actor.hpp"

#include "actors/cluster/broker_link_actor.hpp"
#include "actors/cluster/cluster_messages.hpp"
#include "actors/cluster/gateway_actor.hpp"
#include "runtime/errc.hpp"

using namespace actorbus;
using namespace actorbus::cluster;
using namespace std::chrono_literals;

namespace {

struct fake_mm_state {
  int refuse = 0; // connect attempts to fail before succeeding
  int attempts = 0;
  caf::actor gateway;
};

caf::io::middleman_actor::behavior_type
fake_mm(caf::io::middleman_actor::stateful_pointer<fake_mm_state> self,
        int refuse, caf::actor gateway) {
  self->state.refuse = refuse;
  self->state.gateway = gateway;
  using caf::result;
  return {
    [=](caf::publish_atom, uint16_t, caf::strong_actor_ptr&,
        std::set<std::string>&, std::string&,
        bool) -> result<uint16_t> { return caf::sec::invalid_argument; },
    [=](caf::open_atom, uint16_t, std::string&, bool) -> result<uint16_t> {
      return caf::sec::invalid_argument;
    },
    [=](caf::connect_atom, std::string&, uint16_t)
      -> result<caf::node_id, caf::strong_actor_ptr, std::set<std::string>> {
      if (++self->state.attempts <= self->state.refuse)
        return caf::sec::cannot_connect_to_node;
      return {caf::node_id{},
              caf::actor_cast<caf::strong_actor_ptr>(self->state.gateway),
              std::set<std::string>{}};
    },
    [=](caf::unpublish_atom, caf::actor_addr, uint16_t) {},
    [=](caf::close_atom, uint16_t) {},
    [=](caf::spawn_atom, caf::node_id&, std::string&, caf::message&,
        std::set<std::string>&) -> result<caf::strong_actor_ptr> {
      return caf::sec::invalid_argument;
    },
    [=](caf::get_atom,
        caf::node_id&) -> result<caf::node_id, std::string, uint16_t> {
      return caf::sec::invalid_argument;
    },
  };
}

struct observer_state {
  std::vector<std::string> events;
  caf::actor last_broker;
};

caf::behavior observer(caf::stateful_actor<observer_state>* self,
                       caf::actor link) {
  self->send(link, subscribe_atom::value);
  return {
    [=](broker_up_atom, const caf::actor& broker) {
      self->state.events.push_back("up");
      self->state.last_broker = broker;
    },
    [=](broker_down_atom) { self->state.events.push_back("down"); },
  };
}

caf::behavior dummy_broker(caf::event_based_actor*) {
  return {[](int) {}};
}

broker_link_config link_config() {
  broker_link_config cfg;
  cfg.node_name = "orders";
  cfg.roles = {"order"};
  cfg.host = "127.0.0.1";
  cfg.port = 4242;
  cfg.request_timeout = 1s;
  cfg.backoff.min = 100ms;
  cfg.backoff.max = 1s;
  cfg.backoff.jitter = 0.0;
  cfg.backoff.reset_after = 10s;
  return cfg;
}

} // namespace

class BrokerLink : public actorbus::test::actor_fixture {
protected:
  fake_mm_state& mm_state(const caf::io::middleman_actor& mm) {
    return state_of<fake_mm_state, caf::io::middleman_actor::base>(mm);
  }
};

TEST_F(BrokerLink, RetriesWithExponentialBackoffUntilTheBrokerAnswers) {
  auto broker = sys.spawn(dummy_broker);
  auto gw = sys.spawn(gateway_actor, "broker-node", broker);
  auto mm = sys.spawn(fake_mm, 3, gw);
  auto link = sys.spawn(broker_link_actor, link_config(), mm);
  auto obs = sys.spawn(observer, link);
  run();
  EXPECT_EQ(mm_state(mm).attempts, 1);
  EXPECT_TRUE(state_of<observer_state>(obs).events.empty());
  // Delays 100ms, 200ms, 400ms: nothing happens before each is due.
  advance(99ms);
  EXPECT_EQ(mm_state(mm).attempts, 1);
  advance(1ms);
  EXPECT_EQ(mm_state(mm).attempts, 2);
  advance(199ms);
  EXPECT_EQ(mm_state(mm).attempts, 2);
  advance(1ms);
  EXPECT_EQ(mm_state(mm).attempts, 3);
  advance(400ms);
  EXPECT_EQ(mm_state(mm).attempts, 4);
  ASSERT_EQ(state_of<observer_state>(obs).events,
            std::vector<std::string>{"up"});
  EXPECT_EQ(state_of<observer_state>(obs).last_broker, broker);
  EXPECT_EQ(state_of<gateway_state>(gw).members.members().count("orders"), 1u);
  for (auto& x : {link, obs, gw, broker})
    caf::anon_send_exit(x, caf::exit_reason::kill);
  caf::anon_send_exit(mm, caf::exit_reason::kill);
}

TEST_F(BrokerLink, LosingTheBrokerNotifiesSubscribersAndReconnects) {
  auto broker = sys.spawn(dummy_broker);
  auto gw = sys.spawn(gateway_actor, "broker-node", broker);
  auto mm = sys.spawn(fake_mm, 0, gw);
  auto link = sys.spawn(broker_link_actor, link_config(), mm);
  auto obs = sys.spawn(observer, link);
  run();
  ASSERT_EQ(state_of<observer_state>(obs).events,
            std::vector<std::string>{"up"});
  // The broker dies; a new broker behind a new gateway takes over.
  auto broker2 = sys.spawn(dummy_broker);
  auto gw2 = sys.spawn(gateway_actor, "broker-node", broker2);
  mm_state(mm).gateway = gw2;
  caf::anon_send_exit(broker, caf::exit_reason::kill);
  run();
  EXPECT_EQ(state_of<observer_state>(obs).events,
            (std::vector<std::string>{"up", "down"}));
  advance(100ms);
  EXPECT_EQ(state_of<observer_state>(obs).events,
            (std::vector<std::string>{"up", "down", "up"}));
  EXPECT_EQ(state_of<observer_state>(obs).last_broker, broker2);
  for (auto& x : {link, obs, gw, gw2, broker2})
    caf::anon_send_exit(x, caf::exit_reason::kill);
  caf::anon_send_exit(mm, caf::exit_reason::kill);
}

TEST_F(BrokerLink, AnUnansweredConnectTimesOutAndIsRetried) {
  // A middleman that never answers stands for a frozen broker node.
  auto hole = sys.spawn([](caf::event_based_actor* self) -> caf::behavior {
    return {[=](caf::connect_atom, std::string&, uint16_t) {
      return self->make_response_promise(); // never delivered
    }};
  });
  auto mm = caf::actor_cast<caf::io::middleman_actor>(hole);
  auto link = sys.spawn(broker_link_actor, link_config(), mm);
  run();
  EXPECT_EQ(state_of<broker_link_state>(link).failures, 0u);
  advance(1s); // request timeout
  EXPECT_EQ(state_of<broker_link_state>(link).failures, 1u);
  advance(100ms); // backoff, then the second attempt times out as well
  advance(1s);
  EXPECT_EQ(state_of<broker_link_state>(link).failures, 2u);
  caf::anon_send_exit(link, caf::exit_reason::kill);
  caf::anon_send_exit(hole, caf::exit_reason::kill);
}
