#include <gtest/gtest.h>

#include <stdexcept>

#include "runtime/admin/router.hpp"

using namespace actorbus::admin;

namespace {

handler tagged(std::string* hit, std::string tag) {
  return [hit, tag](const http_request&, responder) { *hit = tag; };
}

void call(const router::match_result& m) {
  ASSERT_NE(m.fn, nullptr);
  (*m.fn)(http_request{}, [](http_response) {});
}

} // namespace

TEST(AdminRouter, SplitPath) {
  EXPECT_EQ(split_path("/"), std::vector<std::string>{});
  EXPECT_EQ(split_path("/a/b"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(split_path("/a/"), (std::vector<std::string>{"a", ""}));
}

TEST(AdminRouter, MatchesLiteralsAndCapturesPlaceholders) {
  router r;
  std::string hit;
  r.add("GET", "/status", tagged(&hit, "status"));
  r.add("POST", "/groups/<group>/topics/<topic>/reset-offsets",
        tagged(&hit, "reset"));
  auto m = r.match("POST",
                   {"groups", "billing", "topics", "orders", "reset-offsets"});
  EXPECT_EQ(m.status, 200u);
  call(m);
  EXPECT_EQ(hit, "reset");
  EXPECT_EQ(m.params.at("group"), "billing");
  EXPECT_EQ(m.params.at("topic"), "orders");
  call(r.match("GET", {"status"}));
  EXPECT_EQ(hit, "status");
}

TEST(AdminRouter, UnknownPathIs404WrongMethodIs405) {
  router r;
  r.add("GET", "/topics", [](const http_request&, responder) {});
  r.add("PUT", "/topics", [](const http_request&, responder) {});
  EXPECT_EQ(r.match("GET", {"nope"}).status, 404u);
  EXPECT_EQ(r.match("GET", {"topics", "x"}).status, 404u);
  auto m = r.match("DELETE", {"topics"});
  EXPECT_EQ(m.status, 405u);
  EXPECT_EQ(m.allow, "GET, PUT");
  EXPECT_EQ(m.fn, nullptr);
}

TEST(AdminRouter, LiteralBeatsPlaceholder) {
  router r;
  std::string hit;
  r.add("GET", "/topics/<topic>", tagged(&hit, "one"));
  r.add("GET", "/topics/all", tagged(&hit, "all"));
  call(r.match("GET", {"topics", "all"}));
  EXPECT_EQ(hit, "all");
  call(r.match("GET", {"topics", "orders"}));
  EXPECT_EQ(hit, "one");
}

TEST(AdminRouter, PlaceholderNeedsNonEmptySegment) {
  router r;
  r.add("POST", "/actors/<name>/kill", [](const http_request&, responder) {});
  EXPECT_EQ(r.match("POST", {"actors", "", "kill"}).status, 404u);
}

TEST(AdminRouter, RejectsMalformedAndDuplicatePatterns) {
  router r;
  auto nop = [](const http_request&, responder) {};
  EXPECT_THROW(r.add("GET", "status", nop), std::invalid_argument);
  EXPECT_THROW(r.add("GET", "/a/<b", nop), std::invalid_argument);
  EXPECT_THROW(r.add("GET", "/a//b", nop), std::invalid_argument);
  r.add("GET", "/a", nop);
  EXPECT_THROW(r.add("GET", "/a", nop), std::invalid_argument);
}
