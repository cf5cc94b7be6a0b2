#include <gtest/gtest.h>

#include "actors/broker/topic_discovery.hpp"
#include "runtime/errc.hpp"
#include "runtime/log/fault_injecting_file_system.hpp"
#include "runtime/log/partition_log.hpp"
#include "runtime/log/posix_file_system.hpp"
#include "tests/support/temp_dir.hpp"

using namespace actorbus;
using namespace actorbus::broker;

namespace {

void make_partitions(log::file_system& fs, const std::string& root,
                     const std::string& topic, std::vector<int32_t> ps) {
  for (auto p : ps)
    ASSERT_FALSE(fs.create_dirs(log::partition_dir(root, topic, p)));
}

} // namespace

TEST(TopicDiscovery, FindsEveryStoredTopicWithItsPartitionCount) {
  test::temp_dir dir;
  auto& fs = log::posix_file_system::instance();
  make_partitions(fs, dir.path(), "orders", {0, 1, 2, 3});
  make_partitions(fs, dir.path(), "orders.dlq", {0, 1, 2, 3});
  make_partitions(fs, dir.path(), "carts", {0});
  ASSERT_FALSE(fs.create_dirs(dir.path() + "/__offsets"));
  auto found = discover_topics(fs, dir.path());
  ASSERT_TRUE(found) << render(found.error());
  EXPECT_TRUE(found->problems.empty());
  ASSERT_EQ(found->topics.size(), 3u);
  EXPECT_EQ(found->topics[0].name, "carts");
  EXPECT_EQ(found->topics[0].partitions, 1);
  EXPECT_EQ(found->topics[1].name, "orders");
  EXPECT_EQ(found->topics[1].partitions, 4);
  EXPECT_EQ(found->topics[2].name, "orders.dlq");
}

TEST(TopicDiscovery, MissingDirHoldsNothingAndGapsAreProblems) {
  log::fault_injecting_file_system fs;
  auto none = discover_topics(fs, "/data");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->topics.empty());
  make_partitions(fs, "/data", "good", {0, 1});
  make_partitions(fs, "/data", "gap", {0, 2});
  ASSERT_FALSE(fs.create_dirs("/data/odd/x"));
  auto found = discover_topics(fs, "/data");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->topics.size(), 1u);
  EXPECT_EQ(found->topics[0].name, "good");
  EXPECT_EQ(found->topics[0].partitions, 2);
  ASSERT_EQ(found->problems.size(), 2u);
  EXPECT_TRUE(has_code(found->problems[0], errc::corrupted_log));
  EXPECT_NE(render(found->problems[0]).find("topic gap"), std::string::npos)
    << render(found->problems[0]);
  EXPECT_NE(render(found->problems[1]).find("found [x]"), std::string::npos)
    << render(found->problems[1]);
}
