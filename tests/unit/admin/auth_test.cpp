#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "runtime/admin/auth.hpp"

using namespace actorbus::admin;

namespace {

unsigned status_of(const auth_policy& p, const char* header) {
  std::string h = header ? header : "";
  auto res = p.check(header ? &h : nullptr);
  return res ? res->status : 200;
}

} // namespace

TEST(AdminAuth, LoopbackDetection) {
  EXPECT_TRUE(is_loopback_address("127.0.0.1"));
  EXPECT_TRUE(is_loopback_address("127.0.0.2"));
  EXPECT_TRUE(is_loopback_address("::1"));
  EXPECT_FALSE(is_loopback_address("0.0.0.0"));
  EXPECT_FALSE(is_loopback_address("10.1.2.3"));
  EXPECT_FALSE(is_loopback_address("localhost"));
}

TEST(AdminAuth, RequiredTokenMustBeSentAndMatch) {
  auth_policy p{"s3cret", true};
  EXPECT_EQ(status_of(p, nullptr), 401u);
  EXPECT_EQ(status_of(p, "Bearer wrong"), 401u);
  EXPECT_EQ(status_of(p, "Bearer s3cre"), 401u);
  EXPECT_EQ(status_of(p, "Basic czNjcmV0"), 401u);
  EXPECT_EQ(status_of(p, "Bearer s3cret"), 200u);
}

TEST(AdminAuth, LoopbackTokenIsOptionalButMustMatchWhenSent) {
  auth_policy p{"s3cret", false};
  EXPECT_EQ(status_of(p, nullptr), 200u);
  EXPECT_EQ(status_of(p, "Bearer s3cret"), 200u);
  EXPECT_EQ(status_of(p, "Bearer wrong"), 401u);
}

TEST(AdminAuth, LoopbackWithoutConfiguredTokenIgnoresHeader) {
  auth_policy p{"", false};
  EXPECT_EQ(status_of(p, nullptr), 200u);
  EXPECT_EQ(status_of(p, "Bearer anything"), 200u);
}

TEST(AdminAuth, RejectionIsJsonWithChallenge) {
  auth_policy p{"s3cret", true};
  auto res = p.check(nullptr);
  ASSERT_TRUE(res);
  auto doc = boost::json::parse(res->body);
  EXPECT_EQ(doc.at("error").as_string(), "unauthorized");
  EXPECT_FALSE(doc.at("detail").as_string().empty());
  ASSERT_EQ(res->headers.size(), 1u);
  EXPECT_EQ(res->headers[0].first, "WWW-Authenticate");
}
