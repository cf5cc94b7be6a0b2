#pragma once

// Real actorbus-node processes on 127.0.0.1 for the cluster tests: a broker
// node (middleman port picked by the OS unless given), service nodes, and
// shop-load runs against them. Everything lives in one temp dir; every
// process is killed and reaped by child_process's destructor.

#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace actorbus::test {

/// `ready node=<name> broker=<host:port> admin=<host:port>`.
extern const std::regex ready_line;

/// A node config with short timeouts (heartbeat 200ms, dead after 1500ms,
/// reconnect 50ms..500ms), admin port 0 and a small shop. `extra` goes into
/// [node]; `sections` is appended as is (e.g. a [tls] section).
std::string node_ini(const std::string& name, const std::string& roles,
                     const std::string& extra, const std::string& sections = "");

/// The roles of the standard nodes.
inline const std::string orders_roles = "\"cart\", \"order\", \"payment\"";
inline const std::string fulfilment_roles = "\"inventory\", \"notification\"";

struct cluster {
  temp_dir dir{"actorbus-cluster"};
  std::unique_ptr<child_process> broker;
  std::unique_ptr<child_process> orders;
  std::unique_ptr<child_process> fulfilment;
  /// host:port of the broker node's middleman, from its ready line.
  std::string broker_addr;
  /// host:port of the broker node's admin endpoint.
  std::string broker_admin;
  /// Appended to the config of the node with this name (e.g. its [tls]
  /// section) by start_broker/start_service.
  std::function<std::string(const std::string& name)> sections
    = [](const std::string&) { return std::string{}; };

  std::unique_ptr<child_process> start(const std::string& name,
                                       const std::string& ini,
                                       std::vector<std::string> extra = {});

  /// Waits (generously) for the ready line; returns its broker= and admin=
  /// fields, empty (and a test failure) on timeout.
  std::pair<std::string, std::string> wait_ready(child_process& p);

  /// Starts the broker node on `port` ("0": any) with its data dir in the
  /// temp dir (the same dir on every call).
  void start_broker(const std::string& port = "0",
                    std::vector<std::string> extra = {});

  /// The port of broker_addr.
  std::string broker_port() const;

  std::unique_ptr<child_process> start_service(const std::string& name,
                                               const std::string& roles,
                                               bool wait = true);

  void start_all();

  /// shop-load with the shop settings of node_ini; `extra` adds options.
  std::unique_ptr<child_process> start_load(int orders_count,
                                            std::vector<std::string> extra
                                            = {});

  /// Runs shop-load to its end; returns its exit code (-1: timeout) and
  /// keeps its output in last_load_output.
  int load(int orders_count, std::vector<std::string> extra = {});

  std::string last_load_output;
};

} // namespace actorbus::test
