#include "runtime/admin/ctl_command.hpp"

#include <map>
#include <thread>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "caf/config_option_adder.hpp"
#include "caf/config_option_set.hpp"
#include "caf/settings.hpp"
#include "caf/timespan.hpp"

#include "runtime/admin/ctl_client.hpp"
#include "runtime/admin/ctl_tables.hpp"
#include "runtime/admin/detail/error_text.hpp"
#include "runtime/admin/events_json.hpp"
#include "runtime/admin/position.hpp"
#include "runtime/admin/target.hpp"
#include "runtime/errc.hpp"

namespace actorbus::admin {

namespace json = boost::json;

namespace {

/// Positional arguments each command takes.
const std::map<std::string, size_t>& arity() {
  static const std::map<std::string, size_t> result{
    {"status", 0},  {"topics", 0}, {"groups", 0},
    {"tail", 1},    {"kill", 1},   {"dlq", 2},
    {"metrics", 0}, {"help", 0},   {"reset-offsets", 2}};
  return result;
}

caf::config_option_set make_option_set() {
  caf::config_option_set opts;
  caf::config_option_adder{opts, "global"}
    .add<std::string>("node", "host:port of the node's admin endpoint")
    .add<std::string>("config-file", "node config file to read [admin] from")
    .add<std::string>("token", "bearer token (default: [admin] token)")
    .add<bool>("json", "print the raw JSON answer")
    .add<std::string>("from", "tail start: earliest|latest|<offset>|<time>")
    .add<bool>("follow", "tail: keep polling for new events")
    .add<std::string>("to", "reset-offsets target: earliest|latest|<offset>|"
                            "<time>")
    .add<size_t>("max", "tail: events per request (1..1000)")
    .add<caf::timespan>("timeout", "deadline per request, e.g. 5s")
    .add<caf::timespan>("interval", "tail --follow: pause between polls")
    .add<bool>("help", "print this text");
  return opts;
}

caf::error usage_error(const std::string& what) {
  return caf::make_error(errc::invalid_argument, what);
}

/// Splits options from positionals and rewrites `--key value` as
/// `--key=value` for options that take a value.
caf::error split_args(const caf::config_option_set& opts,
                      const std::vector<std::string>& args,
                      std::vector<std::string>& options,
                      std::vector<std::string>& positionals) {
  for (size_t i = 0; i < args.size(); ++i) {
    auto& arg = args[i];
    if (arg.size() < 2 || arg.compare(0, 2, "--") != 0) {
      positionals.emplace_back(arg);
      continue;
    }
    auto name = arg.substr(2, arg.find('=') - 2);
    auto* opt = opts.cli_long_name_lookup(name);
    if (opt == nullptr)
      return usage_error("unknown option --" + name);
    if (arg.find('=') == std::string::npos && !opt->is_flag()) {
      if (i + 1 == args.size())
        return usage_error("--" + name + " needs a value");
      options.emplace_back(arg + "=" + args[++i]);
    } else {
      options.emplace_back(arg);
    }
  }
  return caf::none;
}

using std::chrono::duration_cast;
using std::chrono::milliseconds;

} // namespace

std::string ctl_usage() {
  return "usage: actorbusctl [--node host:port | --config-file=FILE] "
         "[--json] <command>\n"
         "commands:\n"
         "  status                          node, topics, groups, supervision\n"
         "  topics                          partitions with offsets and size\n"
         "  groups                          consumer groups: lag and members\n"
         "  tail <topic> [--from earliest|latest|<offset>|<time>] "
         "[--follow]\n"
         "                                  events as JSON lines\n"
         "  kill <actor>                    kill a supervised actor\n"
         "  reset-offsets <group> <topic> --to earliest|latest|<offset>|"
         "<time>\n"
         "  dlq replay <topic>              republish the topic's dead "
         "letters\n"
         "  metrics                         Prometheus metrics as served\n"
         "options:\n"
         + make_option_set().help_text(true);
}

caf::expected<ctl_options>
parse_ctl_args(const std::vector<std::string>& args) {
  auto opts = make_option_set();
  std::vector<std::string> options;
  std::vector<std::string> positionals;
  if (auto err = split_args(opts, args, options, positionals))
    return err;
  caf::settings cfg;
  auto [code, pos] = opts.parse(cfg, options);
  if (code != caf::pec::success)
    return usage_error("invalid option " + *pos + " (" + caf::to_string(code)
                       + ")");
  ctl_options result;
  result.node = caf::get_or(cfg, "node", "");
  result.config_file = caf::get_or(cfg, "config-file", "");
  result.token = caf::get_or(cfg, "token", "");
  result.json = caf::get_or(cfg, "json", false);
  result.from = caf::get_or(cfg, "from", "earliest");
  result.follow = caf::get_or(cfg, "follow", false);
  result.to = caf::get_or(cfg, "to", "");
  result.max = caf::get_or(cfg, "max", size_t{100});
  result.timeout = duration_cast<milliseconds>(
    caf::get_or(cfg, "timeout", caf::timespan{std::chrono::seconds{5}}));
  result.interval = duration_cast<milliseconds>(
    caf::get_or(cfg, "interval", caf::timespan{milliseconds{500}}));
  if (caf::get_or(cfg, "help", false) || positionals.empty()) {
    result.command = "help";
    return result;
  }
  result.command = positionals.front();
  result.args.assign(positionals.begin() + 1, positionals.end());
  auto n = arity().find(result.command);
  if (n == arity().end())
    return usage_error("unknown command '" + result.command
                       + "' (see actorbusctl --help)");
  if (result.args.size() != n->second)
    return usage_error(result.command + " takes " + std::to_string(n->second)
                       + " argument(s), got "
                       + std::to_string(result.args.size()));
  if (result.command == "dlq" && result.args[0] != "replay")
    return usage_error("unknown dlq command '" + result.args[0]
                       + "' (expected: dlq replay <topic>)");
  if (result.command == "tail") {
    if (auto p = parse_position(result.from); !p)
      return usage_error("--from: " + detail::error_text(p.error()));
    if (result.max == 0 || result.max > events_query::max_limit)
      return usage_error("--max must be between 1 and 1000");
  }
  if (result.command == "reset-offsets") {
    if (result.to.empty())
      return usage_error("reset-offsets needs --to earliest|latest|<offset>|"
                         "<time>");
    if (auto p = parse_position(result.to); !p)
      return usage_error("--to: " + detail::error_text(p.error()));
  }
  if (result.node.empty() && result.config_file.empty())
    return usage_error("no node given: pass --node host:port or "
                       "--config-file=FILE");
  if (!result.node.empty())
    if (auto addr = parse_node_address(result.node); !addr)
      return usage_error("--node: " + detail::error_text(addr.error()));
  if (result.timeout.count() <= 0)
    return usage_error("--timeout must be positive");
  return result;
}

} // namespace actorbus::admin
