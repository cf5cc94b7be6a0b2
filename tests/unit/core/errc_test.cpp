#include <gtest/gtest.h>

#include "caf/sec.hpp"

#include "runtime/errc.hpp"

using namespace actorbus;

TEST(Errc, MakeErrorCarriesCategoryCodeAndContext) {
  auto err = caf::make_error(errc::corrupted_log,
                             "orders/0 segment 0.log at byte 4096");
  EXPECT_TRUE(has_code(err, errc::corrupted_log));
  EXPECT_FALSE(has_code(err, errc::io_error));
  EXPECT_EQ(code_of(err), errc::corrupted_log);
  EXPECT_EQ(render(err), "corrupted_log: orders/0 segment 0.log at byte 4096");
}

TEST(Errc, ForeignErrorsHaveNoActorbusCode) {
  caf::error err = caf::sec::request_timeout;
  EXPECT_EQ(code_of(err), errc::none);
  EXPECT_EQ(render(err), "request_timeout");
  EXPECT_EQ(render(caf::error{}), "none");
}

TEST(Errc, RetryabilityFollowsTheContract) {
  EXPECT_TRUE(is_retryable(errc::timeout));
  EXPECT_TRUE(is_retryable(errc::disk_full));
  EXPECT_FALSE(is_retryable(errc::corrupted_log));
  EXPECT_FALSE(is_retryable(errc::payload_too_large));
  EXPECT_FALSE(is_retryable(errc::invalid_config));
}

TEST(Errc, EveryCodeHasAName) {
  for (int i = 1; i <= static_cast<int>(errc::bad_request); ++i)
    EXPECT_EQ(to_string(static_cast<errc>(i)).find("errc("), std::string::npos)
      << i;
}
