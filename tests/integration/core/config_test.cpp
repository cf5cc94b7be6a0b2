// Runs the real shop-sim binary against bad configs: one line naming the
// file, key, value and expectation, and exit code 2.
#include <gtest/gtest.h>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace actorbus::test;
using namespace std::chrono_literals;

namespace {

struct outcome {
  int code;
  std::string output;
};

outcome run_with(const std::vector<std::string>& args) {
  child_process p{app_path("shop-sim"), args};
  auto code = p.wait_exit(30s);
  EXPECT_TRUE(code.has_value()) << "shop-sim did not exit: " << p.output();
  return {code.value_or(-1), p.output()};
}

outcome run_with_file(const temp_dir& dir, const std::string& ini) {
  auto path = dir.write_file("bad.ini", ini);
  return run_with({"--config-file=" + path});
}

} // namespace

TEST(BadConfig, UnknownKeyExitsTwoNamingFileAndKey) {
  temp_dir dir;
  auto r = run_with_file(dir, "[broker]\nsegment-byte=4096\n");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.output, "shop-sim: config error: " + (dir / "bad.ini")
                        + ": unknown key broker.segment-byte=4096 (did you "
                          "mean broker.segment-bytes?)\n");
}

TEST(BadConfig, WrongTypeExitsTwo) {
  temp_dir dir;
  auto r = run_with_file(dir, "[admin]\nport=\"eighty\"\n");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(
    r.output.find("admin.port=\"eighty\": expected an integer in [0, 65535]"),
    std::string::npos)
    << r.output;
}

TEST(BadConfig, OutOfRangeExitsTwo) {
  temp_dir dir;
  auto r = run_with_file(dir, "[supervision]\nbackoff-jitter=1.5\n");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(
    r.output.find("supervision.backoff-jitter=1.5: expected a number in"),
    std::string::npos)
    << r.output;
}

TEST(BadConfig, MissingRequiredValueExitsTwo) {
  temp_dir dir;
  auto r = run_with_file(dir, "[node]\nname=\"\"\n");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.output.find("node.name=\"\": expected a non-empty string"),
            std::string::npos)
    << r.output;
}

TEST(BadConfig, UnreadableFileExitsTwo) {
  temp_dir dir;
  auto r = run_with({"--config-file=" + (dir / "missing.ini")});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.output.find("missing.ini: cannot read config file"),
            std::string::npos)
    << r.output;
}

TEST(BadConfig, SyntaxErrorExitsTwo) {
  temp_dir dir;
  auto r
    = run_with_file(dir, "[node]\nname=\"a\" # hash comments are not INI\n");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.output.find("bad.ini: cannot read config file"),
            std::string::npos)
    << r.output;
}

TEST(BadConfig, BadCommandLineValueExitsTwo) {
  auto r = run_with({"--broker.default-partitions=0"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.output,
            "shop-sim: config error: command line: "
            "broker.default-partitions=0: expected an integer in [1, 1024]\n");
}

TEST(BadConfig, HelpExitsZeroAndListsOptions) {
  auto r = run_with({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.output.find("--broker.durability (default: \"always\")"),
            std::string::npos)
    << r.output;
}
