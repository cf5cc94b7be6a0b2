#include "runtime/supervision/exit_classification.hpp"

#include <gtest/gtest.h>

#include "caf/exit_reason.hpp"
#include "caf/sec.hpp"

#include "runtime/errc.hpp"

using namespace actorbus::supervision;

TEST(ExitClassification, NormalExits) {
  EXPECT_EQ(classify_exit(caf::error{}), exit_kind::normal);
  EXPECT_EQ(classify_exit(caf::make_error(caf::exit_reason::normal)),
            exit_kind::normal);
}

TEST(ExitClassification, AbnormalExits) {
  for (auto r :
       {caf::exit_reason::kill, caf::exit_reason::user_shutdown,
        caf::exit_reason::remote_link_unreachable,
        caf::exit_reason::unreachable, caf::exit_reason::unhandled_exception})
    EXPECT_EQ(classify_exit(caf::make_error(r)), exit_kind::abnormal)
      << caf::to_string(r);
  EXPECT_EQ(classify_exit(caf::make_error(caf::sec::runtime_error)),
            exit_kind::abnormal);
  EXPECT_EQ(classify_exit(caf::make_error(actorbus::errc::restart_limit, "x")),
            exit_kind::abnormal);
}

TEST(ExitClassification, RestartTypeTable) {
  EXPECT_TRUE(should_restart(restart_type::permanent, exit_kind::normal));
  EXPECT_TRUE(should_restart(restart_type::permanent, exit_kind::abnormal));
  EXPECT_FALSE(should_restart(restart_type::transient, exit_kind::normal));
  EXPECT_TRUE(should_restart(restart_type::transient, exit_kind::abnormal));
  EXPECT_FALSE(should_restart(restart_type::temporary, exit_kind::normal));
  EXPECT_FALSE(should_restart(restart_type::temporary, exit_kind::abnormal));
}

TEST(ExitClassification, RendersLikeCaf) {
  EXPECT_EQ(render_exit_reason(caf::error{}), "normal");
  EXPECT_EQ(render_exit_reason(caf::make_error(caf::exit_reason::kill)),
            "exit_reason(kill)");
  EXPECT_EQ(render_exit_reason(caf::make_error(caf::sec::runtime_error)),
            "system_error(runtime_error)");
  EXPECT_EQ(render_exit_reason(
              caf::make_error(actorbus::errc::restart_limit, "sup gave up")),
            "restart_limit: sup gave up");
}

TEST(ExitClassification, ParsesNames) {
  EXPECT_EQ(parse_restart_type("transient"), restart_type::transient);
  EXPECT_EQ(parse_restart_strategy("rest_for_one"),
            restart_strategy::rest_for_one);
  EXPECT_FALSE(parse_restart_type("sometimes"));
  EXPECT_EQ(to_string(restart_strategy::one_for_all), "one_for_all");
}
