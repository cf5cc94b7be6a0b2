#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "caf/actor_system_config.hpp"
#include "caf/timespan.hpp"

#include "runtime/config/option_spec.hpp"
#include "runtime/config/topic_options.hpp"

namespace actorbus {

/// [node]: who this process is, what it runs and where it keeps its data.
struct node_options {
  std::string name = "node-1";
  std::string data_dir;
  /// "broker" and/or shop services: cart, order, payment, inventory,
  /// notification.
  std::vector<std::string> roles{"broker",  "cart",      "order",
                                 "payment", "inventory", "notification"};
};

/// [cluster]: CAF's middleman (node-to-node transport) and failure detection.
struct cluster_options {
  /// Where a broker node publishes its broker actor.
  std::string listen_address = "127.0.0.1";
  /// Middleman port of a broker node; 0 picks a free one.
  int64_t port = 0;
  /// "host:port" of the broker node; empty when this node runs the broker.
  std::string broker;
  caf::timespan heartbeat_interval = std::chrono::milliseconds{500};
  caf::timespan connection_timeout = std::chrono::seconds{3};
  caf::timespan request_timeout = std::chrono::seconds{5};
  caf::timespan reconnect_min = std::chrono::milliseconds{100};
  caf::timespan reconnect_max = std::chrono::seconds{5};
};

/// [tls]: node-to-node TLS with mutual certificate verification; enabled
/// when `certificate` is set (then `key` and `ca-file` are required).
struct tls_options {
  std::string certificate;
  std::string key;
  std::string ca_file;
  std::string passphrase;
  bool enabled() const noexcept { return !certificate.empty(); }
};

/// [log]: the logging facade.
struct log_options {
  std::string level = "info";
};

/// [broker]: defaults for topics and delivery.
struct broker_options {
  bool auto_create_topics = true;
  int64_t default_partitions = 4;
  std::string durability = "always";
  caf::timespan sync_interval = std::chrono::milliseconds{50};
  int64_t segment_bytes = 64 * 1024 * 1024;
  int64_t max_payload_bytes = 1024 * 1024;
  int64_t cache_bytes = 1024 * 1024;
  /// Threads that open partition logs and run their fdatasyncs.
  int64_t io_threads = 16;
  int64_t retention_bytes = 0;
  caf::timespan retention_age = std::chrono::hours{24 * 7};
  int64_t credit_window = 512;
  caf::timespan ack_timeout = std::chrono::seconds{30};
  int64_t max_attempts = 5;
  /// `[topics.<name>]` sections of the config file (not CAF options: the
  /// validator checks them, load() copies them here).
  std::vector<topic_options> topics;
};

/// [supervision]: restart intensity and backoff for supervised actors.
struct supervision_options {
  int64_t max_restarts = 10;
  caf::timespan restart_window = std::chrono::seconds{10};
  caf::timespan backoff_min = std::chrono::milliseconds{10};
  caf::timespan backoff_max = std::chrono::seconds{5};
  double backoff_jitter = 0.2;
  caf::timespan backoff_reset = std::chrono::seconds{30};
};

/// [admin]: the HTTP admin endpoint.
struct admin_options {
  bool enable = true;
  std::string address = "127.0.0.1";
  int64_t port = 0;
  std::string token;
};

/// The one `actor_system_config` shared by every actorbus app. Apps derive
/// from it to add their own sections through `declare()`.
///
/// `load()` replaces CAF's `parse()`: it reads the file named by
/// `--config-file` with CAF's parser, rejects unknown sections and keys,
/// wrongly typed and out-of-range values (which CAF 0.17 would drop
/// silently), then applies file and command line, then checks ranges and
/// required keys of the merged result. `--key value` is accepted as well as
/// `--key=value`. `--help` lists every declared option with its default.
class node_config : public caf::actor_system_config {
public:
  node_config();

  node_options node;
  log_options log;
  broker_options broker;
  supervision_options supervision;
  admin_options admin;
  cluster_options cluster;
  tls_options tls;

  /// CAF's module loading (`load<caf::io::middleman>()`) stays available.
  using caf::actor_system_config::load;

  /// Parses and validates; returns an `errc::invalid_config` error whose
  /// context is one printable line. Sets the default logger's level.
  caf::error load(int argc, char** argv);
  caf::error load(std::vector<std::string> args);

  /// True after `--help` was handled (the app should exit 0).
  bool help_printed() const noexcept { return help_printed_; }

  /// The config file that was read, or empty.
  const std::string& config_file() const noexcept { return config_file_; }

  /// Declares an option bound to `ref` with a constraint (see option_spec).
  template <class T>
  void declare(std::string_view category, T& ref, const char* name,
               const char* help, option_spec spec) {
    opt_group{custom_options_,
              caf::string_view{category.data(), category.size()}}
      .add(ref, name, help);
    std::string long_name{name};
    long_name = long_name.substr(0, long_name.find(','));
    // A leading '?' (flat command-line name, e.g. --orders) is not part of
    // the key.
    auto cat = category.substr(category.size() > 0 && category[0] == '?');
    spec.key = std::string{cat} + "." + long_name;
    specs_.emplace_back(std::move(spec));
  }

  /// Prints the help text: every option of our sections with its default.
  void print_help(std::ostream& out) const;

  /// The program name used in messages, e.g. "shop-sim".
  std::string program_name = "actorbus";

protected:
  /// Called after a successful load; apps may derive more settings.
  virtual caf::error post_load() { return caf::none; }

private:
  std::vector<std::string> normalize(std::vector<std::string> args) const;
  caf::error check_combinations(const std::string& source) const;

  std::vector<option_spec> specs_;
  std::string config_file_;
  bool help_printed_ = false;
};

/// Returns the printable line of a config error ("<source>: <problem>").
std::string config_error_line(const caf::error& err);

} // namespace actorbus
