#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/value_to.hpp>

#include "runtime/admin/admin_server.hpp"
#include "runtime/admin/ctl_client.hpp"
#include "runtime/admin/metrics_route.hpp"
#include "runtime/errc.hpp"
#include "runtime/metrics/registry.hpp"
#include "tests/integration/admin/raw_client.hpp"

using namespace actorbus;
using namespace actorbus::admin;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

constexpr auto deadline = 5s;

/// A server on 127.0.0.1:0 with a few routes; `parked` collects responders
/// of GET /park so tests decide when (and from which thread) to answer.
class AdminServer : public ::testing::Test {
protected:
  void start(server_options opts = {}) {
    opts.address = "127.0.0.1";
    opts.port = 0;
    srv = std::make_unique<admin_server>(opts);
    srv->route("GET", "/hello", [](const http_request& req, responder reply) {
      reply(http_response::json(
        200, {{"hello", req.query_value("name").value_or("world")}}));
    });
    srv->route(
      "POST", "/actors/<name>/kill",
      [](const http_request& req, responder reply) {
        if (req.param("name") != "payment")
          return reply(http_response::error(
            404, "not_found", "no actor named '" + req.param("name") + "'"));
        reply(
          http_response::json(200, {{"killed", "payment"}, {"instance", 42}}));
      });
    srv->route("POST", "/echo", [](const http_request& req, responder reply) {
      reply(http_response::text(200, req.body));
    });
    srv->route("GET", "/async", [](const http_request&, responder reply) {
      std::thread{[reply] {
        reply(http_response::text(200, "later"));
      }}.detach();
    });
    srv->route("GET", "/park", [this](const http_request&, responder reply) {
      std::lock_guard<std::mutex> guard{mtx};
      parked.push_back(reply);
      parked_promise.set_value();
    });
    srv->route("GET", "/throw", [](const http_request&, responder) {
      throw std::runtime_error("boom");
    });
    add_metrics_route(*srv, reg);
    auto err = srv->start();
    ASSERT_FALSE(err) << render(err);
    ASSERT_NE(srv->port(), 0);
  }

  http_reply call(const std::string& method, const std::string& target,
                  const std::string& token = "") {
    ctl_client client{{"127.0.0.1", srv->port()}, token, deadline};
    auto res = client.request(method, target);
    EXPECT_TRUE(res) << render(res.error());
    return res ? *res : http_reply{};
  }

  static json::value body_json(const std::string& body) {
    return json::parse(body);
  }

  metrics::registry reg;
  std::unique_ptr<admin_server> srv;
  std::mutex mtx;
  std::vector<responder> parked;
  std::promise<void> parked_promise;
};

} // namespace

TEST_F(AdminServer, ServesRoutesWithQueryAndPathParameters) {
  start();
  auto res = call("GET", "/hello?name=a%20b");
  EXPECT_EQ(res.status, 200u);
  EXPECT_EQ(res.content_type, "application/json");
  EXPECT_EQ(body_json(res.body).at("hello"), "a b");
  res = call("POST", "/actors/payment/kill");
  EXPECT_EQ(res.status, 200u);
  EXPECT_EQ(body_json(res.body).at("instance"), 42);
}

TEST_F(AdminServer, UnknownPathAndWrongMethodAreJsonErrors) {
  start();
  auto res = call("GET", "/nope");
  EXPECT_EQ(res.status, 404u);
  EXPECT_EQ(body_json(res.body).at("error"), "not_found");
  res = call("POST", "/actors/ghost/kill");
  EXPECT_EQ(res.status, 404u);
  EXPECT_EQ(body_json(res.body).at("detail"), "no actor named 'ghost'");
  test::raw_client c{srv->port()};
  c.send("DELETE /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  auto raw = c.read_response(deadline);
  EXPECT_EQ(test::status_of(raw), 405u);
  EXPECT_NE(raw.find("Allow: GET"), std::string::npos) << raw;
  EXPECT_EQ(body_json(test::body_of(raw)).at("error"), "method_not_allowed");
}

TEST_F(AdminServer, HandlerRepliesFromAnotherThread) {
  start();
  auto res = call("GET", "/async");
  EXPECT_EQ(res.status, 200u);
  EXPECT_EQ(res.body, "later");
}

TEST_F(AdminServer, PendingHandlerDoesNotBlockOtherRequests) {
  start();
  auto fut = parked_promise.get_future();
  auto slow
    = std::async(std::launch::async, [this] { return call("GET", "/park"); });
  ASSERT_EQ(fut.wait_for(deadline), std::future_status::ready);
  EXPECT_EQ(call("GET", "/hello").status, 200u);
  {
    std::lock_guard<std::mutex> guard{mtx};
    parked.at(0)(http_response::text(200, "released"));
  }
  ASSERT_EQ(slow.wait_for(deadline), std::future_status::ready);
  EXPECT_EQ(slow.get().body, "released");
}

TEST_F(AdminServer, HandlerTimeoutAnswers503AndLateReplyIsIgnored) {
  server_options opts;
  opts.handler_timeout = 100ms;
  start(opts);
  auto res = call("GET", "/park");
  EXPECT_EQ(res.status, 503u);
  EXPECT_EQ(body_json(res.body).at("error"), "timeout");
  std::lock_guard<std::mutex> guard{mtx};
  parked.at(0)(http_response::text(200, "too late")); // must be a no-op
  EXPECT_EQ(call("GET", "/hello").status, 200u);
}

TEST_F(AdminServer, ThrowingHandlerAnswers500) {
  start();
  auto res = call("GET", "/throw");
  EXPECT_EQ(res.status, 500u);
  EXPECT_EQ(body_json(res.body).at("detail"), "boom");
}

TEST_F(AdminServer, ForcedAuthNeedsTheBearerToken) {
  server_options opts;
  opts.token = "s3cret";
  opts.require_token = true;
  start(opts);
  auto res = call("GET", "/hello");
  EXPECT_EQ(res.status, 401u);
  EXPECT_EQ(body_json(res.body).at("error"), "unauthorized");
  EXPECT_EQ(call("GET", "/hello", "wrong").status, 401u);
  EXPECT_EQ(call("GET", "/hello", "s3cret").status, 200u);
}

TEST_F(AdminServer, LoopbackTokenOptionalButChecked) {
  server_options opts;
  opts.token = "s3cret";
  start(opts);
  EXPECT_EQ(call("GET", "/hello").status, 200u);
  EXPECT_EQ(call("GET", "/hello", "s3cret").status, 200u);
  EXPECT_EQ(call("GET", "/hello", "wrong").status, 401u);
}

TEST(AdminServerConfig, NonLoopbackWithoutTokenRefusesToStart) {
  server_options opts;
  opts.address = "0.0.0.0";
  admin_server srv{opts};
  auto err = srv.start();
  EXPECT_TRUE(has_code(err, errc::invalid_config)) << render(err);
  EXPECT_FALSE(srv.running());
}

TEST(AdminServerConfig, BadAddressAndBusyPortAreErrors) {
  server_options opts;
  opts.address = "not-an-ip";
  EXPECT_TRUE(has_code(admin_server{opts}.start(), errc::invalid_config));
  admin_server first{server_options{}};
  ASSERT_FALSE(first.start());
  server_options same;
  same.port = first.port();
  admin_server second{same};
  auto err = second.start();
  EXPECT_TRUE(has_code(err, errc::io_error)) << render(err);
  EXPECT_NE(render(err).find(std::to_string(first.port())), std::string::npos);
}

TEST_F(AdminServer, GarbageGets400AndServerKeepsServing) {
  start();
  for (std::string garbage :
       {std::string{"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15},
        std::string{"HELLO THERE\r\n\r\n"},
        std::string{"GET /hello HTTP/1.1\r\nBad Header\r\n\r\n"}}) {
    test::raw_client c{srv->port()};
    c.send(garbage);
    auto raw = c.read_response(deadline);
    EXPECT_EQ(test::status_of(raw), 400u) << raw;
    EXPECT_EQ(body_json(test::body_of(raw)).at("error"), "bad_request");
    EXPECT_TRUE(c.wait_closed(deadline));
  }
  test::raw_client bad_target{srv->port()};
  bad_target.send("GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(test::status_of(bad_target.read_response(deadline)), 400u);
  EXPECT_EQ(call("GET", "/hello").status, 200u);
}

TEST_F(AdminServer, OversizedHeaderGets431) {
  server_options opts;
  opts.header_limit = 1024;
  start(opts);
  test::raw_client c{srv->port()};
  c.send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4096, 'a')
         + "\r\n\r\n");
  auto raw = c.read_response(deadline);
  EXPECT_EQ(test::status_of(raw), 431u) << raw;
  EXPECT_TRUE(c.wait_closed(deadline));
  EXPECT_EQ(call("GET", "/hello").status, 200u);
}

TEST_F(AdminServer, OversizedBodyGets413) {
  server_options opts;
  opts.body_limit = 100;
  start(opts);
  test::raw_client c{srv->port()};
  c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n"
         + std::string(5000, 'b'));
  auto raw = c.read_response(deadline);
  EXPECT_EQ(test::status_of(raw), 413u) << raw;
  EXPECT_EQ(body_json(test::body_of(raw)).at("error"), "payload_too_large");
  test::raw_client ok{srv->port()};
  ok.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
  EXPECT_EQ(test::body_of(ok.read_response(deadline)), "hello");
}

TEST_F(AdminServer, SlowClientIsDisconnectedAfterReadTimeout) {
  server_options opts;
  opts.read_timeout = 200ms;
  start(opts);
  test::raw_client c{srv->port()};
  c.send("GET /hello HTTP/1.1\r\nHo");
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.wait_closed(deadline));
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 150ms);
  EXPECT_EQ(call("GET", "/hello").status, 200u);
}

TEST_F(AdminServer, IdleKeepAliveConnectionIsClosedAfterReadTimeout) {
  server_options opts;
  opts.read_timeout = 200ms;
  start(opts);
  test::raw_client c{srv->port()};
  c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(test::status_of(c.read_response(deadline)), 200u);
  EXPECT_TRUE(c.wait_closed(deadline));
}

TEST_F(AdminServer, KeepAliveServesSeveralRequestsOnOneConnection) {
  start();
  test::raw_client c{srv->port()};
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.send("GET /hello?name=" + std::to_string(i)
                       + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto raw = c.read_response(deadline);
    ASSERT_EQ(test::status_of(raw), 200u) << raw;
    EXPECT_EQ(
      json::value_to<std::string>(body_json(test::body_of(raw)).at("hello")),
      std::to_string(i));
  }
  c.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(test::status_of(c.read_response(deadline)), 200u);
  EXPECT_TRUE(c.wait_closed(deadline));
}

TEST_F(AdminServer, VanishedClientsDoNotHurtTheServer) {
  start();
  {
    test::raw_client half{srv->port()};
    half.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab");
  } // closes mid-body
  auto fut = parked_promise.get_future();
  {
    test::raw_client gone{srv->port()};
    gone.send("GET /park HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_EQ(fut.wait_for(deadline), std::future_status::ready);
  } // closes while its handler is pending
  {
    std::lock_guard<std::mutex> guard{mtx};
    parked.at(0)(http_response::text(200, "nobody listens"));
  }
  EXPECT_EQ(call("GET", "/hello").status, 200u);
}

TEST_F(AdminServer, ManyConcurrentClients) {
  start();
  constexpr int clients = 32;
  constexpr int requests = 10;
  std::atomic<int> ok{0};
  std::vector<std::thread> pool;
  for (int i = 0; i < clients; ++i)
    pool.emplace_back([&, i] {
      test::raw_client c{srv->port()};
      for (int j = 0; j < requests; ++j) {
        c.send("GET /hello?name=" + std::to_string(i)
               + " HTTP/1.1\r\nHost: x\r\n\r\n");
        auto raw = c.read_response(deadline);
        if (test::status_of(raw) == 200
            && test::body_of(raw).find(std::to_string(i)) != std::string::npos)
          ++ok;
      }
    });
  for (auto& t : pool)
    t.join();
  EXPECT_EQ(ok.load(), clients * requests);
}

TEST_F(AdminServer, ConnectionsBeyondTheLimitGet503) {
  server_options opts;
  opts.max_connections = 2;
  start(opts);
  test::raw_client a{srv->port()};
  test::raw_client b{srv->port()};
  test::raw_client c{srv->port()};
  auto raw = c.read_response(deadline);
  EXPECT_EQ(test::status_of(raw), 503u) << raw;
  EXPECT_EQ(body_json(test::body_of(raw)).at("error"), "too_many_connections");
  EXPECT_TRUE(c.wait_closed(deadline));
  a.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(test::status_of(a.read_response(deadline)), 200u);
}

TEST_F(AdminServer, StopWithPendingHandlerAndLateReply) {
  start();
  auto fut = parked_promise.get_future();
  test::raw_client c{srv->port()};
  c.send("GET /park HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_EQ(fut.wait_for(deadline), std::future_status::ready);
  srv->stop();
  EXPECT_FALSE(srv->running());
  EXPECT_TRUE(c.wait_closed(deadline));
  std::lock_guard<std::mutex> guard{mtx};
  parked.at(0)(http_response::text(200, "after stop")); // a no-op
}

TEST_F(AdminServer, MetricsRouteServesPrometheusText) {
  start();
  reg.counter("actorbus_test_events_total", "test events", {"topic"})
    .with({"orders"})
    .inc(7);
  auto res = call("GET", "/metrics");
  EXPECT_EQ(res.status, 200u);
  EXPECT_EQ(res.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(res.body.find("actorbus_test_events_total{topic=\"orders\"} 7\n"),
            std::string::npos)
    << res.body;
}
