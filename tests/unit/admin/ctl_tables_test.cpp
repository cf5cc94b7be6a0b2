#include <gtest/gtest.h>

#include "runtime/admin/ctl_tables.hpp"

using namespace actorbus::admin;

TEST(CtlTables, ColumnsAlignWithoutTrailingSpaces) {
  text_table t{{"name", "n"}};
  t.add({"a", "1"});
  t.add({"longer", "22"});
  EXPECT_EQ(t.render(), "NAME    N\n"
                        "a       1\n"
                        "longer  22\n");
}

TEST(CtlTables, StatusRendersEverySection) {
  node_status st;
  st.node = "node-1";
  st.uptime_s = 3.25;
  st.topics = {{"orders", {{0, 0, 120, 4096, 1}}}};
  st.groups = {{"billing",
                "orders",
                {{"billing-1", {0, 1}, 3}},
                {{0, 118, 120, 2}},
                {"paid", "refunded"}}};
  st.supervision
    = {{"payment", "shop-sup", "running", 42, 1, "exit_reason(kill)"},
       {"mailer", "", "restarting", 0, 0, ""}};
  EXPECT_EQ(render_status(st),
            "node node-1  uptime 3.2s\n"
            "\n"
            "Topics\n"
            "TOPIC   PARTITION  START  END  BYTES  SEGMENTS\n"
            "orders  0          0      120  4096   1\n"
            "\n"
            "Consumer groups\n"
            "GROUP    TOPIC   PARTITION  COMMITTED  END  LAG\n"
            "billing  orders  0          118        120  2\n"
            "\n"
            "Group members\n"
            "GROUP    TOPIC   TYPES          MEMBER     PARTITIONS  IN FLIGHT\n"
            "billing  orders  paid,refunded  billing-1  0,1         3\n"
            "\n"
            "Supervision\n"
            "ACTOR    SUPERVISOR  STATE       INSTANCE  RESTARTS  LAST REASON\n"
            "payment  shop-sup    running     42        1         "
            "exit_reason(kill)\n"
            "mailer   -           restarting  -         0         -\n");
}

TEST(CtlTables, EmptySectionsSayNone) {
  node_status st;
  st.node = "n";
  auto text = render_status(st);
  EXPECT_NE(text.find("Topics\n(none)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Supervision\n(none)\n"), std::string::npos) << text;
  EXPECT_EQ(render_topics({}), "(no topics)\n");
  EXPECT_EQ(render_groups({}), "(no groups)\n");
}
