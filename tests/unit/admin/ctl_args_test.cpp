#include <gtest/gtest.h>

#include <sstream>

#include "runtime/admin/ctl_client.hpp"
#include "runtime/admin/ctl_command.hpp"
#include "runtime/errc.hpp"
#include "tests/support/temp_dir.hpp"

using namespace actorbus;
using namespace actorbus::admin;
using namespace std::chrono_literals;

TEST(CtlArgs, OptionsAnywhereInBothSpellings) {
  auto o = parse_ctl_args({"tail", "--node", "127.0.0.1:9000", "orders",
                           "--from=latest", "--follow", "--json",
                           "--interval=250ms", "--max", "10"});
  ASSERT_TRUE(o) << render(o.error());
  EXPECT_EQ(o->command, "tail");
  EXPECT_EQ(o->args, std::vector<std::string>{"orders"});
  EXPECT_EQ(o->node, "127.0.0.1:9000");
  EXPECT_EQ(o->from, "latest");
  EXPECT_TRUE(o->follow);
  EXPECT_TRUE(o->json);
  EXPECT_EQ(o->interval, 250ms);
  EXPECT_EQ(o->max, 10u);
}

TEST(CtlArgs, UsageErrors) {
  const std::vector<std::vector<std::string>> bad{
    {"frobnicate", "--node=h:1"},
    {"kill", "--node=h:1"},
    {"kill", "a", "b", "--node=h:1"},
    {"status"},
    {"status", "--node=nohost"},
    {"status", "--node=h:0"},
    {"status", "--node=h:1", "--bogus"},
    {"status", "--node"},
    {"tail", "t", "--node=h:1", "--from=yesterday"},
    {"reset-offsets", "g", "t", "--node=h:1"},
    {"reset-offsets", "g", "t", "--node=h:1", "--to=never"},
    {"dlq", "purge", "t", "--node=h:1"},
    {"status", "--node=h:1", "--timeout=fast"},
  };
  for (auto& args : bad) {
    auto o = parse_ctl_args(args);
    EXPECT_FALSE(o) << args[0];
    std::ostringstream out;
    std::ostringstream err;
    EXPECT_EQ(run_ctl(args, out, err), 2) << args[0];
    auto text = err.str();
    EXPECT_EQ(text.rfind("actorbusctl: ", 0), 0u) << text;
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
  }
}

TEST(CtlArgs, HelpPrintsUsage) {
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(run_ctl({"--help"}, out, err), 0);
  EXPECT_NE(out.str().find("reset-offsets <group> <topic>"), std::string::npos);
  EXPECT_NE(out.str().find("--node"), std::string::npos);
}

TEST(CtlArgs, NodeAddress) {
  auto a = parse_node_address("127.0.0.1:9000");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 9000);
  auto v6 = parse_node_address("[::1]:80");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(to_string(*v6), "[::1]:80");
  for (auto bad : {"", "h", ":80", "h:", "h:99999", "::1:80", "h:8x"})
    EXPECT_FALSE(parse_node_address(bad)) << bad;
}

TEST(CtlArgs, NodeAddressFromConfigFile) {
  test::temp_dir dir{"ctl"};
  auto file = dir.write_file("node.conf", "[admin]\naddress=\"0.0.0.0\"\n"
                                          "port=9123\ntoken=\"t0k\"\n");
  std::string token;
  auto a = node_address_from_config(file, token);
  ASSERT_TRUE(a) << render(a.error());
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 9123);
  EXPECT_EQ(token, "t0k");
  auto zero = dir.write_file("zero.conf", "[admin]\nport=0\n");
  auto z = node_address_from_config(zero, token);
  ASSERT_FALSE(z);
  EXPECT_TRUE(has_code(z.error(), errc::invalid_config));
  EXPECT_FALSE(node_address_from_config(dir / "missing.conf", token));
}
