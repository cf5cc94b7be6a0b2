#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/metrics/registry.hpp"
#include "tests/support/temp_dir.hpp"

using namespace actorbus::metrics;

namespace {

struct check_result {
  int exit_code;
  std::string output;
};

bool have_promtool() {
  return std::system("command -v promtool >/dev/null 2>&1") == 0;
}

/// Runs `promtool check metrics < file` and returns its exit code and output.
check_result promtool_check(const std::string& text) {
  actorbus::test::temp_dir dir{"promtool"};
  auto file = dir.write_file("metrics.txt", text);
  auto cmd = "promtool check metrics < '" + file + "' 2>&1";
  check_result res{-1, {}};
  auto* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr)
    return res;
  char buf[512];
  while (auto n = fread(buf, 1, sizeof(buf), pipe))
    res.output.append(buf, n);
  auto status = pclose(pipe);
  res.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return res;
}

} // namespace

TEST(MetricsPromtool, AcceptsEveryKindWithEscapedLabels) {
  if (!have_promtool())
    GTEST_SKIP() << "promtool not found (Debian package 'prometheus'); "
                    "install it to run this check";
  registry reg;
  auto& pub = reg.counter("actorbus_events_published_total",
                          "Events appended to the log, per topic", {"topic"});
  pub.with({"orders"}).inc(3);
  pub.with({"quote\" back\\slash\nnewline"}).inc();
  reg
    .gauge("actorbus_consumer_lag", "Events not yet acknowledged",
           {"group", "partition"})
    .with({"billing", "0"})
    .set(12);
  reg.gauge("actorbus_uptime_seconds", "Seconds since start").with({}).set(1.5);
  auto& lat = reg.histogram("actorbus_fsync_duration_seconds", "fsync latency",
                            {"partition"});
  for (double x : {0.0001, 0.003, 0.2, 30.0})
    lat.with({"0"}).observe(x);
  reg.histogram("actorbus_publish_durable_seconds", "publish to durable", {});
  auto text = reg.render();
  auto res = promtool_check(text);
  EXPECT_EQ(res.exit_code, 0) << res.output << "\n--- input ---\n" << text;
}

TEST(MetricsPromtool, RejectsBrokenExposition) {
  // Guards the check above: promtool must really parse what we feed it.
  if (!have_promtool())
    GTEST_SKIP() << "promtool not found (Debian package 'prometheus'); "
                    "install it to run this check";
  auto res = promtool_check("# TYPE x_total counter\nx_total{a=\"b} 1\n");
  EXPECT_NE(res.exit_code, 0) << res.output;
}
