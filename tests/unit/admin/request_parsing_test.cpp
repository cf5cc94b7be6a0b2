#include <gtest/gtest.h>

#include "runtime/admin/action_json.hpp"
#include "runtime/admin/events_json.hpp"
#include "runtime/admin/http_types.hpp"
#include "runtime/admin/position.hpp"
#include "runtime/admin/target.hpp"
#include "runtime/errc.hpp"

using namespace actorbus;
using namespace actorbus::admin;
using namespace std::chrono;

TEST(AdminTarget, DecodesSegmentsAndQuery) {
  auto t = parse_target("/topics/a%2Fb%20c/events?from=2026-11-26T20%3A30%3A"
                        "00Z&max=5&flag");
  ASSERT_TRUE(t) << render(t.error());
  EXPECT_EQ(t->segments,
            (std::vector<std::string>{"topics", "a/b c", "events"}));
  EXPECT_EQ(t->query.at("from"), "2026-11-26T20:30:00Z");
  EXPECT_EQ(t->query.at("max"), "5");
  EXPECT_EQ(t->query.at("flag"), "");
}

TEST(AdminTarget, RejectsMalformedTargets) {
  for (auto bad : {"topics", "/a b", "/%zz", "http://x/y"}) {
    auto t = parse_target(bad);
    ASSERT_FALSE(t) << bad;
    EXPECT_TRUE(has_code(t.error(), errc::bad_request));
  }
}

TEST(AdminTarget, EncodeRoundTrips) {
  auto enc = encode_component("a/b c?&=%");
  EXPECT_EQ(enc.find_first_of("/ ?&="), std::string::npos);
  auto t = parse_target("/x/" + enc + "?v=" + enc);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->segments[1], "a/b c?&=%");
  EXPECT_EQ(t->query.at("v"), "a/b c?&=%");
}

TEST(AdminPosition, ParsesEveryForm) {
  EXPECT_EQ(parse_position("earliest")->what, position::kind::earliest);
  EXPECT_EQ(parse_position("latest")->what, position::kind::latest);
  auto off = parse_position("42");
  ASSERT_TRUE(off);
  EXPECT_EQ(off->what, position::kind::offset);
  EXPECT_EQ(off->offset, 42);
  auto t = parse_position("2026-11-26T20:30:00.250Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->what, position::kind::time);
  EXPECT_EQ(duration_cast<milliseconds>(t->time.time_since_epoch()).count(),
            1795725000250);
  auto zoned = parse_position("2026-11-26T21:30:00.25+01:00");
  ASSERT_TRUE(zoned);
  EXPECT_EQ(zoned->time, t->time);
  EXPECT_EQ(to_string(*t), "2026-11-26T20:30:00.250Z");
}

TEST(AdminPosition, RejectsGarbage) {
  for (auto bad : {"", "-1", "12x", "soon", "2026-11-26 20:30:00Z",
                   "2026-11-26T20:30:00", "2026-13-26T20:30:00Z",
                   "2026-11-26T20:30:00+1:00", "2026-11-26T20:30:00.Z"})
    EXPECT_FALSE(parse_position(bad)) << bad;
}

TEST(AdminEventsQuery, DefaultsAndLimits) {
  http_request req;
  auto q = parse_events_query(req);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->from.what, position::kind::earliest);
  EXPECT_EQ(q->max, 100u);
  req.query = {{"from", "latest"},
               {"max", "5000"},
               {"partition", "2"},
               {"cursor", "0:15,1:20"}};
  q = parse_events_query(req);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->from.what, position::kind::latest);
  EXPECT_EQ(q->max, events_query::max_limit);
  EXPECT_EQ(q->partition, 2);
  EXPECT_EQ(q->resume, (cursor{{0, 15}, {1, 20}}));
}

TEST(AdminEventsQuery, BadParametersNameThemselves) {
  for (auto [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"from", "yesterday"},
                                                        {"max", "0"},
                                                        {"max", "x"},
                                                        {"partition", "-1"},
                                                        {"cursor", "0:1,2"}}) {
    http_request req;
    req.query[key] = value;
    auto q = parse_events_query(req);
    ASSERT_FALSE(q) << key << "=" << value;
    EXPECT_TRUE(has_code(q.error(), errc::bad_request));
    EXPECT_NE(render(q.error()).find(key + ":"), std::string::npos)
      << render(q.error());
  }
}

TEST(AdminEventsQuery, CursorRoundTrips) {
  cursor c{{0, 15}, {3, 7}};
  EXPECT_EQ(cursor_to_string(c), "0:15,3:7");
  EXPECT_EQ(*parse_cursor("0:15,3:7"), c);
  EXPECT_TRUE(parse_cursor("")->empty());
}

TEST(AdminResetTarget, RequiresTo) {
  http_request req;
  EXPECT_FALSE(reset_target(req));
  req.query["to"] = "17";
  auto to = reset_target(req);
  ASSERT_TRUE(to);
  EXPECT_EQ(to->offset, 17);
}
