#include "runtime/config/node_config.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "caf/atom.hpp"
#include "caf/message.hpp"

#include "runtime/config/config_validator.hpp"
#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus {

namespace {

using namespace std::chrono_literals;
namespace c = constraint;

constexpr int64_t gib = int64_t{1} << 30;

caf::error invalid(std::string line) {
  return caf::make_error(errc::invalid_config, std::move(line));
}

} // namespace

node_config::node_config() {
  declare("node", node.name, "name", "unique name of this node",
          c::non_empty_string());
  declare("?node", node.data_dir, "data-dir",
          "directory for logs and offsets (empty: app default)",
          c::any("a directory path"));
  declare("node", node.roles, "roles",
          "what this node runs: broker and/or shop services",
          c::subset_of({"broker", "cart", "order", "payment", "inventory",
                        "notification"}));
  declare("cluster", cluster.listen_address, "listen-address",
          "address a broker node publishes its broker on",
          c::non_empty_string());
  declare("cluster", cluster.port, "port",
          "middleman port of a broker node, 0 = pick a free one",
          c::integer(0, 65535));
  declare("cluster", cluster.broker, "broker",
          "host:port of the broker node (empty: this node is the broker)",
          c::host_port_or_empty());
  declare("cluster", cluster.heartbeat_interval, "heartbeat-interval",
          "middleman heartbeat period", c::duration(10ms, 60s));
  declare("cluster", cluster.connection_timeout, "connection-timeout",
          "a silent peer is considered dead after this",
          c::duration(50ms, 10min));
  declare("cluster", cluster.request_timeout, "request-timeout",
          "deadline of every remote request", c::duration(10ms, 10min));
  declare("cluster", cluster.reconnect_min, "reconnect-min",
          "first delay before reconnecting to the broker",
          c::duration(1ms, 1min));
  declare("cluster", cluster.reconnect_max, "reconnect-max",
          "cap of the exponential reconnect delay", c::duration(1ms, 10min));
  declare("tls", tls.certificate, "certificate",
          "PEM certificate of this node; enables TLS", c::any("a file path"));
  declare("tls", tls.key, "key", "PEM private key of the certificate",
          c::any("a file path"));
  declare("tls", tls.ca_file, "ca-file",
          "PEM CA certificate that signs every node", c::any("a file path"));
  declare("tls", tls.passphrase, "passphrase",
          "passphrase of the private key, if any", c::any("a string"));
  declare("log", log.level, "level", "trace, debug, info, warn, error or off",
          c::one_of({"trace", "debug", "info", "warn", "error", "off"}));
  declare("broker", broker.auto_create_topics, "auto-create-topics",
          "create unknown topics on first publish", c::any("true or false"));
  declare("broker", broker.default_partitions, "default-partitions",
          "partitions of an auto-created topic", c::integer(1, 1024));
  declare("broker", broker.durability, "durability",
          "default durability: always, interval or none",
          c::one_of({"always", "interval", "none"}));
  declare("broker", broker.sync_interval, "sync-interval",
          "fsync period of the interval policy", c::duration(1ms, 60s));
  declare("broker", broker.segment_bytes, "segment-bytes",
          "roll a log segment at this size", c::integer(4096, gib));
  declare("broker", broker.max_payload_bytes, "max-payload-bytes",
          "largest accepted event payload", c::integer(1, 64 << 20));
  declare("broker", broker.io_threads, "io-threads",
          "threads that open partition logs and run their fsyncs",
          c::integer(1, 64));
  declare("broker", broker.cache_bytes, "cache-bytes",
          "newest events kept in memory per partition, 0 = none",
          c::integer(0, gib));
  declare("broker", broker.retention_bytes, "retention-bytes",
          "per-partition size limit, 0 = unlimited",
          c::integer(0, int64_t{1} << 50));
  declare("broker", broker.retention_age, "retention-age",
          "delete segments older than this, 0s = keep forever",
          c::duration(0s, std::chrono::hours{24 * 3650}));
  declare("broker", broker.credit_window, "credit-window",
          "max unacked events in flight per consumer", c::integer(1, 1 << 20));
  declare("broker", broker.ack_timeout, "ack-timeout",
          "redeliver events not acked within this time", c::duration(1ms, 1h));
  declare("broker", broker.max_attempts, "max-attempts",
          "deliveries before an event goes to <topic>.dlq",
          c::integer(1, 1000));
  declare("supervision", supervision.max_restarts, "max-restarts",
          "restarts allowed within restart-window", c::integer(0, 100000));
  declare("supervision", supervision.restart_window, "restart-window",
          "window of the restart intensity", c::duration(1ms, 24h));
  declare("supervision", supervision.backoff_min, "backoff-min",
          "first restart delay", c::duration(0s, 1h));
  declare("supervision", supervision.backoff_max, "backoff-max",
          "cap of the exponential restart delay", c::duration(0s, 1h));
  declare("supervision", supervision.backoff_jitter, "backoff-jitter",
          "random spread of each delay, 0.0 to 1.0", c::real(0.0, 1.0));
  declare("supervision", supervision.backoff_reset, "backoff-reset",
          "a child stable this long starts again at backoff-min",
          c::duration(0s, 24h));
  declare("admin", admin.enable, "enable", "serve the HTTP admin endpoint",
          c::any("true or false"));
  declare("admin", admin.address, "address",
          "bind address of the admin endpoint", c::non_empty_string());
  declare("admin", admin.port, "port", "admin port, 0 = pick a free one",
          c::integer(0, 65535));
  declare("admin", admin.token, "token",
          "bearer token; required when address is not loopback",
          c::any("a string"));
  // CAF's own keys that crash or misbehave on bad values (GUIDE.md 7, 11).
  specs_.push_back([] {
    auto s = c::integer(1, 256);
    s.key = "scheduler.max-threads";
    return s;
  }());
  specs_.push_back([] {
    auto s = c::one_of({"stealing", "sharing", "testing"});
    s.key = "scheduler.policy";
    return s;
  }());
}

std::vector<std::string>
node_config::normalize(std::vector<std::string> args) const {
  std::vector<std::string> out;
  for (size_t i = 0; i < args.size(); ++i) {
    auto& arg = args[i];
    bool joinable = arg.size() > 2 && arg.compare(0, 2, "--") == 0
                    && arg.find('=') == std::string::npos && i + 1 < args.size()
                    && args[i + 1].compare(0, 2, "--") != 0;
    if (joinable) {
      auto name = std::string_view{arg}.substr(2);
      if (name == "config-file") {
        out.push_back(arg + "=" + args[++i]);
        continue;
      }
      auto opt = custom_options_.cli_long_name_lookup(
        caf::string_view{name.data(), name.size()});
      if (opt != nullptr && !opt->is_flag()) {
        out.push_back(arg + "=" + args[++i]);
        continue;
      }
    }
    out.push_back(arg);
  }
  return out;
}

caf::error node_config::load(int argc, char** argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i)
    args.emplace_back(argv[i]);
  return load(std::move(args));
}

caf::error node_config::load(std::vector<std::string> args) {
  args = normalize(std::move(args));
  for (auto& arg : args) {
    if (arg == "--help" || arg == "-h" || arg == "--long-help") {
      print_help(std::cout);
      help_printed_ = true;
      return caf::none;
    }
  }
  std::vector<std::string> rest;
  for (auto& arg : args) {
    static constexpr std::string_view prefix = "--config-file=";
    if (arg.compare(0, prefix.size(), prefix) == 0)
      config_file_ = arg.substr(prefix.size());
    else
      rest.push_back(arg);
  }
  config_validator validator{custom_options_, specs_};
  std::string source = "command line";
  std::stringstream empty;
  std::ifstream file;
  std::istream* ini = &empty;
  if (!config_file_.empty()) {
    source = config_file_;
    auto raw = parse_config_file(config_file_.c_str());
    if (!raw) {
      return invalid(config_file_ + ": cannot read config file ("
                     + render(raw.error()) + ")");
    }
    if (auto err = validator.check_file(*raw, config_file_))
      return err;
    broker.topics = topic_options_from(*raw);
    file.open(config_file_);
    ini = &file;
  }
  if (auto err = parse(rest, *ini))
    return invalid("command line: " + render(err));
  if (!remainder.empty())
    return invalid("command line: unexpected argument \"" + remainder.front()
                   + "\"");
  if (auto err = validator.check_effective(content, source))
    return err;
  if (auto err = check_combinations(source))
    return err;
  if (auto lvl = logging::parse_level(log.level))
    logging::default_logger().set_level(*lvl);
  // CAF's heartbeats are off by default (GUIDE.md 5): set them from ours.
  set("middleman.heartbeat-interval", cluster.heartbeat_interval);
  set("middleman.connection-timeout", cluster.connection_timeout);
  if (tls.enabled()) {
    openssl_certificate = tls.certificate;
    openssl_key = tls.key;
    openssl_cafile = tls.ca_file;
    openssl_passphrase = tls.passphrase;
  }
  return post_load();
}

caf::error node_config::check_combinations(const std::string& source) const {
  auto missing = [&](const char* key, const char* why) {
    return invalid(source + ": missing required key " + key + ": " + why);
  };
  if (tls.enabled() && tls.key.empty())
    return missing("tls.key", "expected the private key of tls.certificate");
  if (tls.enabled() && tls.ca_file.empty())
    return missing("tls.ca-file", "expected the CA that signs the nodes");
  if (!tls.enabled() && (!tls.key.empty() || !tls.ca_file.empty()))
    return missing("tls.certificate", "expected a certificate when tls.key "
                                      "or tls.ca-file is set");
  if (cluster.reconnect_min > cluster.reconnect_max)
    return invalid(source + ": cluster.reconnect-min="
                   + logging::field::render_duration(cluster.reconnect_min)
                   + ": expected at most cluster.reconnect-max");
  if (supervision.backoff_min > supervision.backoff_max)
    return invalid(source + ": supervision.backoff-min="
                   + logging::field::render_duration(supervision.backoff_min)
                   + ": expected at most supervision.backoff-max");
  return caf::none;
}

void node_config::print_help(std::ostream& out) const {
  out << "usage: " << program_name
      << " [--config-file=FILE] [--<section>.<key>=VALUE ...]\n\n"
      << "Every key can be set in the config file (INI, see configs/) or on "
         "the command line.\n";
  std::string last_category;
  for (auto& opt : custom_options_) {
    auto cat = std::string{opt.category().data(), opt.category().size()};
    auto key
      = cat + "." + std::string{opt.long_name().data(), opt.long_name().size()};
    const option_spec* spec = nullptr;
    for (auto& s : specs_)
      if (s.key == key)
        spec = &s;
    if (spec == nullptr)
      continue;
    if (cat != last_category) {
      out << "\n[" << cat << "]\n";
      last_category = cat;
    }
    auto def = opt.get();
    out << "  --" << key;
    if (def)
      out << " (default: " << render_config_value(*def) << ")";
    out << "\n      " << opt.description() << "; " << spec->expected << "\n";
  }
}

std::string config_error_line(const caf::error& err) {
  if (has_code(err, errc::invalid_config) && err.context().size() == 1
      && err.context().match_element<std::string>(0))
    return err.context().get_as<std::string>(0);
  return render(err);
}

} // namespace actorbus
