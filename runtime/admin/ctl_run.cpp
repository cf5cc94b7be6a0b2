#include "runtime/admin/ctl_command.hpp"

#include <thread>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "runtime/admin/ctl_client.hpp"
#include "runtime/admin/ctl_tables.hpp"
#include "runtime/admin/detail/error_text.hpp"
#include "runtime/admin/detail/json_fields.hpp"
#include "runtime/admin/events_json.hpp"
#include "runtime/admin/target.hpp"

namespace actorbus::admin {

namespace json = boost::json;

namespace {

/// A failed command: the line printed after "actorbusctl: ".
struct ctl_failure {
  std::string line;
};

/// Sends one request and returns the parsed 2xx answer (raw text for
/// non-JSON bodies). Throws ctl_failure for transport errors and for non-2xx
/// answers, using the server's JSON error detail when there is one.
class session {
public:
  session(ctl_client client, bool raw_json, std::ostream& out)
    : client_(std::move(client)), raw_json_(raw_json), out_(out) {}

  http_reply call(const std::string& method, const std::string& target) {
    auto reply = client_.request(method, target);
    if (!reply)
      throw ctl_failure{detail::error_text(reply.error())};
    if (reply->status >= 200 && reply->status < 300)
      return std::move(*reply);
    if (raw_json_)
      out_ << reply->body << (ends_with_newline(reply->body) ? "" : "\n");
    boost::system::error_code ec;
    auto doc = json::parse(reply->body, ec);
    auto* obj = ec ? nullptr : doc.if_object();
    if (obj && obj->contains("detail") && obj->contains("error")
        && obj->at("detail").is_string() && obj->at("error").is_string())
      throw ctl_failure{std::string{obj->at("detail").as_string()} + " ("
                        + std::to_string(reply->status) + " "
                        + std::string{obj->at("error").as_string()} + ")"};
    throw ctl_failure{"node at " + to_string(client_.node()) + " answered "
                      + std::to_string(reply->status)};
  }

  json::value call_json(const std::string& method, const std::string& target) {
    auto reply = call(method, target);
    boost::system::error_code ec;
    auto doc = json::parse(reply.body, ec);
    if (ec)
      throw ctl_failure{"node at " + to_string(client_.node())
                        + " answered with invalid JSON: " + ec.message()};
    return doc;
  }

  static bool ends_with_newline(const std::string& str) {
    return !str.empty() && str.back() == '\n';
  }

private:
  ctl_client client_;
  bool raw_json_;
  std::ostream& out_;
};

template <class T>
T expect(caf::expected<T> x) {
  if (!x)
    throw ctl_failure{detail::error_text(x.error())};
  return std::move(*x);
}

std::string enc(const std::string& str) {
  return encode_component(str);
}

void print_json(std::ostream& out, const json::value& v) {
  out << json::serialize(v) << '\n';
}

void tail(session& s, const ctl_options& opts, std::ostream& out) {
  auto base = "/topics/" + enc(opts.args[0])
              + "/events?max=" + std::to_string(opts.max);
  std::string resume;
  auto target = base + "&from=" + enc(opts.from);
  for (;;) {
    auto doc = s.call_json("GET", target);
    if (opts.json) {
      print_json(out, doc);
    } else {
      auto page = expect(detail::parse_json_as<events_page>(doc));
      for (auto& ev : page.events) {
        json::value line = json::value_from(ev);
        line.as_object().emplace("topic", page.topic);
        print_json(out, line);
      }
    }
    out.flush();
    auto next = doc.as_object().if_contains("next");
    auto cursor = next && next->is_string() ? std::string{next->as_string()}
                                            : std::string{};
    auto more = doc.as_object().contains("events")
                && doc.at("events").is_array()
                && doc.at("events").as_array().size() >= opts.max;
    if (!more && !opts.follow)
      return;
    if (!more)
      std::this_thread::sleep_for(opts.interval);
    target = cursor.empty() ? target : base + "&cursor=" + enc(cursor);
  }
}

void run(const ctl_options& opts, session& s, std::ostream& out) {
  auto& cmd = opts.command;
  if (cmd == "metrics") {
    out << s.call("GET", "/metrics").body;
    return;
  }
  if (cmd == "tail")
    return tail(s, opts, out);
  json::value doc;
  if (cmd == "status" || cmd == "topics" || cmd == "groups")
    doc = s.call_json("GET", "/" + cmd);
  else if (cmd == "kill")
    doc = s.call_json("POST", "/actors/" + enc(opts.args[0]) + "/kill");
  else if (cmd == "reset-offsets")
    doc = s.call_json("POST", "/groups/" + enc(opts.args[0]) + "/topics/"
                                + enc(opts.args[1])
                                + "/reset-offsets?to=" + enc(opts.to));
  else if (cmd == "dlq")
    doc = s.call_json("POST", "/topics/" + enc(opts.args[1]) + "/dlq/replay");
  if (opts.json)
    return print_json(out, doc);
  if (cmd == "status") {
    out << render_status(expect(status_from_json(doc)));
  } else if (cmd == "topics") {
    out << render_topics(expect(topics_from_json(doc)));
  } else if (cmd == "groups") {
    out << render_groups(expect(groups_from_json(doc)));
  } else if (cmd == "kill") {
    auto res = expect(detail::parse_json_as<kill_result>(doc));
    out << "killed " << res.killed << " (instance " << res.instance << ")\n";
  } else if (cmd == "reset-offsets") {
    out << render_reset(
      expect(detail::parse_json_as<reset_offsets_result>(doc)));
  } else if (cmd == "dlq") {
    auto res = expect(detail::parse_json_as<dlq_replay_result>(doc));
    out << "replayed " << res.replayed << " event(s) from " << res.dlq_topic
        << " to " << res.topic << "\n";
  }
}

node_address resolve_node(const ctl_options& opts, std::string& token) {
  if (!opts.node.empty())
    return expect(parse_node_address(opts.node));
  return expect(node_address_from_config(opts.config_file, token));
}

} // namespace

int run_ctl(const std::vector<std::string>& args, std::ostream& out,
            std::ostream& err) {
  auto opts = parse_ctl_args(args);
  if (!opts) {
    err << "actorbusctl: " << detail::error_text(opts.error()) << std::endl;
    return 2;
  }
  if (opts->command == "help") {
    out << ctl_usage();
    return 0;
  }
  try {
    std::string token;
    auto node = resolve_node(*opts, token);
    if (!opts->token.empty())
      token = opts->token;
    session s{ctl_client{node, token, opts->timeout}, opts->json, out};
    run(*opts, s, out);
    out.flush();
    return 0;
  } catch (const ctl_failure& failure) {
    out.flush();
    err << "actorbusctl: " << failure.line << std::endl;
    return 1;
  }
}

} // namespace actorbus::admin
