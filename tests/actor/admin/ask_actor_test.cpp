#include <gtest/gtest.h>

#include <optional>

#include <boost/json/parse.hpp>

#include "actors/admin/ask_actor.hpp"
#include "runtime/errc.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace actorbus;
using namespace actorbus::admin;
using namespace std::chrono_literals;

namespace {

/// Doubles positive numbers, rejects 0 as an unknown actor, ignores
/// negative numbers (never answers).
caf::behavior doubler(caf::event_based_actor* self) {
  return {[self](int x) -> caf::result<int> {
    if (x == 0)
      return caf::make_error(errc::unknown_actor, "no actor named 'zero'");
    if (x < 0)
      return self->make_response_promise<int>(); // never delivered
    return x * 2;
  }};
}

class AskActor : public test::actor_fixture {
protected:
  responder capture() {
    return [this](http_response res) { answer = std::move(res); };
  }

  static http_response ok(int x) {
    return http_response::json(200, {{"value", x}});
  }

  std::optional<http_response> answer;
};

} // namespace

TEST_F(AskActor, ResultBecomesTheResponse) {
  auto dest = sys.spawn(doubler);
  ask_actor(sys, dest, 1s, capture(), ok, 21);
  run();
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200u);
  EXPECT_EQ(boost::json::parse(answer->body).at("value"), 42);
}

TEST_F(AskActor, ErrorIsMappedToJsonError) {
  auto dest = sys.spawn(doubler);
  ask_actor(sys, dest, 1s, capture(), ok, 0);
  run();
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 404u);
  auto doc = boost::json::parse(answer->body);
  EXPECT_EQ(doc.at("error"), "not_found");
  EXPECT_EQ(doc.at("detail"), "no actor named 'zero'");
}

TEST_F(AskActor, SilenceBecomes503AfterTimeout) {
  auto dest = sys.spawn(doubler);
  ask_actor(sys, dest, 2s, capture(), ok, -1);
  run();
  EXPECT_FALSE(answer);
  advance(2s);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 503u);
  EXPECT_EQ(boost::json::parse(answer->body).at("error"), "timeout");
}

TEST_F(AskActor, DeadReceiverBecomes503) {
  auto dest = sys.spawn(doubler);
  caf::anon_send_exit(dest, caf::exit_reason::kill);
  run();
  ask_actor(sys, dest, 1s, capture(), ok, 1);
  run();
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 503u);
}
