#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "caf/sec.hpp"

#include "runtime/admin/error_response.hpp"
#include "runtime/errc.hpp"

using namespace actorbus;
using namespace actorbus::admin;

namespace {

std::pair<unsigned, std::string> mapped(const caf::error& err) {
  auto res = error_response(err);
  auto doc = boost::json::parse(res.body);
  return {res.status, std::string{doc.at("error").as_string()}};
}

} // namespace

TEST(AdminErrorResponse, MapsCodesToStatuses) {
  using p = std::pair<unsigned, std::string>;
  EXPECT_EQ(mapped(caf::make_error(errc::unknown_actor, "x")),
            (p{404, "not_found"}));
  EXPECT_EQ(mapped(caf::make_error(errc::unknown_topic, "x")),
            (p{404, "not_found"}));
  EXPECT_EQ(mapped(caf::make_error(errc::invalid_argument, "x")),
            (p{400, "bad_request"}));
  EXPECT_EQ(mapped(caf::make_error(errc::timeout, "x")), (p{503, "timeout"}));
  EXPECT_EQ(mapped(caf::make_error(errc::shutting_down, "x")),
            (p{503, "unavailable"}));
  EXPECT_EQ(mapped(caf::make_error(errc::corrupted_log, "x")),
            (p{500, "internal_error"}));
  EXPECT_EQ(mapped(caf::sec::request_timeout), (p{503, "timeout"}));
  EXPECT_EQ(mapped(caf::sec::request_receiver_down), (p{503, "unavailable"}));
}

TEST(AdminErrorResponse, DetailIsTheContext) {
  auto res = error_response(
    caf::make_error(errc::unknown_actor, "no actor named 'ghost'"));
  EXPECT_EQ(boost::json::parse(res.body).at("detail"),
            "no actor named 'ghost'");
}
