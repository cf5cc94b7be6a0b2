#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace actorbus::test {

/// A real actorbus-node ("solo": the broker and all five shop services) in
/// its own temporary directory, with the admin endpoint on a free port.
/// The constructor waits for the readiness line (throws on timeout).
struct node_fixture {
  node_fixture();

  /// One request on a fresh connection; returns the raw response.
  std::string request(const std::string& method, const std::string& path);
  std::string get(const std::string& path) { return request("GET", path); }

  /// GETs `path` and parses the body (a failed check yields null).
  boost::json::value get_json(const std::string& path);

  /// Runs actorbusctl against this node with `args` and returns its exit
  /// code (-1 on timeout) and output.
  std::pair<int, std::string> ctl(std::vector<std::string> args);

  /// Places `orders` orders through shop-load and waits for its PASS; the
  /// node's topics, groups and fsyncs then have real numbers.
  void load(int orders);

  /// Reads what the node printed so far, so its pipe never fills up.
  void drain();

  temp_dir dir{"actorbus-node-admin"};
  std::unique_ptr<child_process> node;
  std::string broker_addr;
  uint16_t admin_port = 0;
};

/// Sum of the samples of `name` in a Prometheus text body whose label set
/// contains `labels` (e.g. `topic="orders"`; empty: every sample). Only
/// samples of exactly that name count (`x` does not match `x_count`).
double metric_sum(const std::string& body, const std::string& name,
                  const std::string& labels = {});

/// Whether a sample of `name` (with `labels`, as above) is present.
bool has_metric(const std::string& body, const std::string& name,
                const std::string& labels = {});

} // namespace actorbus::test
