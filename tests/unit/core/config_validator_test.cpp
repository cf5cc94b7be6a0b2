#include <gtest/gtest.h>

#include <sstream>

#include "runtime/config/node_config.hpp"
#include "runtime/errc.hpp"
#include "tests/support/temp_dir.hpp"

using namespace actorbus;

namespace {

struct loaded {
  caf::error err;
  std::string line;
};

loaded load_file(const std::string& ini, std::vector<std::string> extra = {}) {
  test::temp_dir dir;
  auto path = dir.write_file("node.ini", ini);
  node_config cfg;
  std::vector<std::string> args{"--config-file=" + path};
  args.insert(args.end(), extra.begin(), extra.end());
  auto err = cfg.load(args);
  auto line = err ? config_error_line(err) : "";
  auto pos = line.find(path);
  if (pos != std::string::npos)
    line.replace(pos, path.size(), "FILE");
  return {err, line};
}

} // namespace

TEST(NodeConfig, ValidFileLoads) {
  test::temp_dir dir;
  auto path
    = dir.write_file("n.ini", "[node]\nname=\"alpha\"\n[broker]\n"
                              "default-partitions=8\nsync-interval=5ms\n"
                              "durability=\"always\"\n");
  node_config cfg;
  auto err = cfg.load({"--config-file=" + path});
  ASSERT_FALSE(err) << config_error_line(err);
  EXPECT_EQ(cfg.node.name, "alpha");
  EXPECT_EQ(cfg.broker.default_partitions, 8);
  EXPECT_EQ(cfg.broker.sync_interval, std::chrono::milliseconds{5});
  EXPECT_EQ(cfg.broker.durability, "always");
}

TEST(NodeConfig, UnknownKeyIsNamedWithASuggestion) {
  auto r = load_file("[broker]\ndefault-partitons=3\n");
  ASSERT_TRUE(has_code(r.err, errc::invalid_config));
  EXPECT_EQ(r.line, "FILE: unknown key broker.default-partitons=3 "
                    "(did you mean broker.default-partitions?)");
}

TEST(NodeConfig, UnknownSectionIsRejected) {
  auto r = load_file("[brokr]\nx=1\n");
  EXPECT_EQ(r.line, "FILE: unknown section [brokr]");
}

TEST(NodeConfig, WronglyTypedValueIsNotDropped) {
  auto r = load_file("[broker]\ndefault-partitions=\"four\"\n");
  EXPECT_EQ(r.line, "FILE: broker.default-partitions=\"four\": expected an "
                    "integer in [1, 1024]");
}

TEST(NodeConfig, OutOfRangeValueIsRejected) {
  auto r = load_file("[admin]\nport=70000\n");
  EXPECT_EQ(r.line,
            "FILE: admin.port=70000: expected an integer in [0, 65535]");
}

TEST(NodeConfig, BadChoiceIsRejected) {
  auto r = load_file("[broker]\ndurability=\"sometimes\"\n");
  EXPECT_EQ(r.line, "FILE: broker.durability=\"sometimes\": expected one of "
                    "\"always\", \"interval\", \"none\"");
}

TEST(NodeConfig, AtomForAStringOptionGetsAQuotingHint) {
  auto r = load_file("[broker]\ndurability='always'\n");
  EXPECT_EQ(r.line, "FILE: broker.durability='always': expected one of "
                    "\"always\", \"interval\", \"none\" (write strings in "
                    "double quotes)");
}

TEST(NodeConfig, EmptyRequiredNameIsRejected) {
  auto r = load_file("[node]\nname=\"\"\n");
  EXPECT_EQ(r.line, "FILE: node.name=\"\": expected a non-empty string");
}

TEST(NodeConfig, CommandLineRangeIsChecked) {
  auto r = load_file("[node]\nname=\"a\"\n", {"--broker.max-attempts=0"});
  EXPECT_EQ(r.line,
            "FILE: broker.max-attempts=0: expected an integer in [1, 1000]");
}

TEST(NodeConfig, CommandLineOverridesFileAndAcceptsSpaceSeparatedValues) {
  test::temp_dir dir;
  auto path = dir.write_file("n.ini", "[broker]\ndefault-partitions=8\n");
  node_config cfg;
  ASSERT_FALSE(
    cfg.load({"--config-file", path, "--broker.default-partitions", "2"}));
  EXPECT_EQ(cfg.broker.default_partitions, 2);
}

TEST(NodeConfig, MissingFileIsAnError) {
  node_config cfg;
  auto err = cfg.load({"--config-file=/nonexistent/x.ini"});
  ASSERT_TRUE(has_code(err, errc::invalid_config));
  EXPECT_NE(
    config_error_line(err).find("/nonexistent/x.ini: cannot read config file"),
    std::string::npos);
}

TEST(NodeConfig, SchedulerThreadsZeroIsRejectedBeforeCafCrashes) {
  auto r = load_file("[scheduler]\nmax-threads=0\n");
  EXPECT_EQ(r.line,
            "FILE: scheduler.max-threads=0: expected an integer in [1, 256]");
}

TEST(NodeConfig, HelpListsEveryOptionWithDefault) {
  node_config cfg;
  std::ostringstream out;
  cfg.print_help(out);
  auto text = out.str();
  EXPECT_NE(text.find("--broker.default-partitions (default: 4)"),
            std::string::npos);
  EXPECT_NE(text.find("--supervision.backoff-max (default: 5s)"),
            std::string::npos);
  EXPECT_NE(text.find("--admin.address (default: \"127.0.0.1\")"),
            std::string::npos);
}

TEST(NodeConfig, RolesMustBeKnown) {
  auto r = load_file("[node]\nroles=[\"broker\", \"shipping\"]\n");
  EXPECT_EQ(r.line,
            "FILE: node.roles=[\"broker\", \"shipping\"]: expected a list "
            "of \"broker\", \"cart\", \"order\", \"payment\", "
            "\"inventory\", \"notification\"");
}

TEST(NodeConfig, BrokerAddressNeedsHostAndPort) {
  auto r = load_file("[cluster]\nbroker=\"127.0.0.1\"\n");
  EXPECT_EQ(r.line,
            "FILE: cluster.broker=\"127.0.0.1\": expected \"host:port\" "
            "with a port in [1, 65535], or \"\"");
  EXPECT_FALSE(load_file("[cluster]\nbroker=\"127.0.0.1:4242\"\n").err);
}

TEST(NodeConfig, TlsNeedsKeyAndCa) {
  auto r = load_file("[tls]\ncertificate=\"node.pem\"\nca-file=\"ca.pem\"\n");
  EXPECT_EQ(r.line, "FILE: missing required key tls.key: expected the private "
                    "key of tls.certificate");
}

TEST(NodeConfig, HeartbeatsAreHandedToCaf) {
  test::temp_dir dir;
  auto path = dir.write_file("n.ini", "[cluster]\nheartbeat-interval=200ms\n"
                                      "connection-timeout=1s\n");
  node_config cfg;
  ASSERT_FALSE(cfg.load({"--config-file=" + path}));
  EXPECT_EQ(caf::get_or(cfg, "middleman.heartbeat-interval", caf::timespan{0}),
            std::chrono::milliseconds{200});
  EXPECT_EQ(caf::get_or(cfg, "middleman.connection-timeout", caf::timespan{0}),
            std::chrono::seconds{1});
}

TEST(NodeConfig, TopicSectionsOverrideTheBrokerDefaults) {
  test::temp_dir dir;
  auto path = dir.write_file(
    "t.ini", "[broker]\ndefault-partitions=4\n"
             "[topics.payments]\npartitions=8\ndurability=\"always\"\n"
             "retention-age=24h\n[topics.audit]\nsegment-bytes=1048576\n"
             "cache-bytes=0\n");
  node_config cfg;
  ASSERT_FALSE(cfg.load({"--config-file=" + path}));
  ASSERT_EQ(cfg.broker.topics.size(), 2u);
  auto& audit = cfg.broker.topics[0];
  auto& payments = cfg.broker.topics[1];
  EXPECT_EQ(audit.name, "audit");
  EXPECT_EQ(audit.segment_bytes, 1048576);
  EXPECT_EQ(audit.cache_bytes, 0);
  EXPECT_FALSE(audit.partitions);
  EXPECT_EQ(payments.name, "payments");
  EXPECT_EQ(payments.partitions, 8);
  EXPECT_EQ(payments.durability, std::string{"always"});
  EXPECT_EQ(payments.retention_age, caf::timespan{std::chrono::hours{24}});
  EXPECT_FALSE(payments.sync_interval);
}

TEST(NodeConfig, BadTopicSectionsAreOneLineErrors) {
  auto unknown = load_file("[topics.payments]\npartition=8\n");
  EXPECT_TRUE(has_code(unknown.err, errc::invalid_config));
  EXPECT_EQ(unknown.line, "FILE: unknown key topics.payments.partition=8 (a "
                          "topic accepts partitions, durability, "
                          "sync-interval, segment-bytes, retention-bytes, "
                          "retention-age, max-payload-bytes, cache-bytes)");
  auto range = load_file("[topics.payments]\npartitions=0\n");
  EXPECT_EQ(range.line, "FILE: topics.payments.partitions=0: expected an "
                        "integer in [1, 1024]");
  auto cache = load_file("[broker]\ncache-bytes=-1\n");
  EXPECT_EQ(cache.line, "FILE: broker.cache-bytes=-1: expected an integer in "
                        "[0, 1073741824]");
  auto type = load_file("[topics.payments]\nsync-interval=\"soon\"\n");
  EXPECT_NE(type.line.find("topics.payments.sync-interval=\"soon\": expected"),
            std::string::npos)
    << type.line;
  auto choice = load_file("[topics.payments]\ndurability=\"sometimes\"\n");
  EXPECT_NE(choice.line.find("topics.payments.durability=\"sometimes\": "
                             "expected one of"),
            std::string::npos)
    << choice.line;
}

TEST(NodeConfig, IoThreadsAreBounded) {
  auto zero = load_file("[broker]\nio-threads=0\n");
  EXPECT_EQ(zero.line, "FILE: broker.io-threads=0: expected an integer in "
                       "[1, 64]");
  test::temp_dir dir;
  auto path = dir.write_file("io.ini", "[broker]\nio-threads=2\n");
  node_config cfg;
  ASSERT_FALSE(cfg.load({"--config-file=" + path}));
  EXPECT_EQ(cfg.broker.io_threads, 2);
}
