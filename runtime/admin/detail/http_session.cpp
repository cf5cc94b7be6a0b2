#include "runtime/admin/detail/http_session.hpp"

#include <exception>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "runtime/admin/detail/error_text.hpp"
#include "runtime/admin/target.hpp"
#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus::admin::detail {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;

namespace {

constexpr std::string_view component = "admin-http";

/// Shared by the responder and the timeout: whoever flips `done` first
/// answers the request.
struct reply_state {
  std::atomic<bool> done{false};
};

std::string lower(std::string_view str) {
  std::string out{str};
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string peer_of(const beast::tcp_stream& stream) {
  beast::error_code ec;
  auto ep = stream.socket().remote_endpoint(ec);
  if (ec)
    return "unknown";
  return ep.address().to_string() + ":" + std::to_string(ep.port());
}

} // namespace

http_session::http_session(net::ip::tcp::socket socket,
                           std::shared_ptr<server_core> core)
  : stream_(std::move(socket)),
    handler_timer_(stream_.get_executor()),
    core_(std::move(core)) {
  core_->connections.fetch_add(1);
}

http_session::~http_session() {
  core_->connections.fetch_sub(1);
}

void http_session::start() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    if (self->core_->connections.load() > self->core_->opts.max_connections)
      return self->send(http_response::error(503, "too_many_connections",
                                             "the admin endpoint is busy"),
                        true);
    self->do_read();
  });
}

void http_session::do_read() {
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(core_->opts.header_limit));
  parser_->body_limit(core_->opts.body_limit);
  stream_.expires_after(core_->opts.read_timeout);
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code ec, size_t) {
                     self->on_read(ec);
                   });
}

void http_session::on_read(beast::error_code ec) {
  if (ec == http::error::header_limit)
    return send(http_response::error(
                  431, "header_too_large",
                  "request header exceeds "
                    + std::to_string(core_->opts.header_limit) + " bytes"),
                true);
  if (ec == http::error::body_limit)
    return send(http_response::error(413, "payload_too_large",
                                     "request body exceeds "
                                       + std::to_string(core_->opts.body_limit)
                                       + " bytes"),
                true);
  if (ec == http::error::end_of_stream || ec == beast::error::timeout
      || ec == net::error::operation_aborted)
    return do_close();
  if (ec) {
    // Parse errors get an answer; transport errors (reset, broken pipe) mean
    // the client is gone.
    if (ec.category()
          == http::make_error_code(http::error::bad_target).category()
        && ec != http::error::partial_message) {
      logging::debug(component, "bad request",
                     {{"peer", peer_of(stream_)}, {"reason", ec.message()}});
      return send(http_response::error(400, "bad_request", ec.message()), true);
    }
    return do_close();
  }
  dispatch(parser_->release());
}

void http_session::dispatch(request_type req) {
  keep_alive_ = req.keep_alive();
  version_ = req.version();
  http_request out;
  out.method = std::string{req.method_string()};
  out.target = std::string{req.target()};
  for (auto& field : req) {
    auto& slot = out.headers[lower(field.name_string())];
    slot += slot.empty() ? "" : ",";
    slot += std::string{field.value()};
  }
  out.body = std::move(req.body());
  out.remote = peer_of(stream_);
  auto auth = out.headers.find("authorization");
  if (auto denied
      = core_->auth.check(auth == out.headers.end() ? nullptr : &auth->second))
    return send(std::move(*denied), false);
  auto parsed = parse_target(out.target);
  if (!parsed)
    return send(http_response::error(400, "bad_request",
                                     detail::error_text(parsed.error())),
                false);
  out.segments = std::move(parsed->segments);
  out.query = std::move(parsed->query);
  auto match = core_->routes.match(out.method, out.segments);
  if (match.status == 404)
    return send(
      http_response::error(404, "not_found", "no resource at " + out.target),
      false);
  if (match.status == 405) {
    auto res = http_response::error(405, "method_not_allowed",
                                    out.method + " is not allowed here; use "
                                      + match.allow);
    res.headers.emplace_back("Allow", match.allow);
    return send(std::move(res), false);
  }
  out.params = std::move(match.params);
  run_handler(*match.fn, std::move(out));
}

void http_session::run_handler(const handler& fn, http_request req) {
  auto state = std::make_shared<reply_state>();
  std::weak_ptr<http_session> weak = shared_from_this();
  auto gate = core_->gate;
  responder reply = [state, weak, gate](http_response res) {
    if (state->done.exchange(true))
      return;
    std::lock_guard<std::mutex> guard{gate->mtx};
    if (!gate->open)
      return;
    if (auto self = weak.lock()) {
      auto ex = self->stream_.get_executor();
      net::post(ex, [self, res = std::move(res)]() mutable {
        self->handler_timer_.cancel();
        self->send(std::move(res), false);
      });
    }
  };
  handler_timer_.expires_after(core_->opts.handler_timeout);
  handler_timer_.async_wait([self = shared_from_this(), state,
                             method = req.method,
                             target = req.target](beast::error_code ec) {
    if (ec || state->done.exchange(true))
      return;
    logging::warn(component, "handler timed out",
                  {{"method", method},
                   {"target", target},
                   {"timeout", self->core_->opts.handler_timeout}});
    self->send(http_response::error(503, "timeout",
                                    "no answer within "
                                      + logging::field::render_duration(
                                        self->core_->opts.handler_timeout)),
               false);
  });
  try {
    fn(req, reply);
  } catch (const std::exception& ex) {
    logging::error(component, "handler threw",
                   {{"target", req.target}, {"what", ex.what()}});
    reply(http_response::error(500, "internal_error", ex.what()));
  }
}

void http_session::send(http_response res, bool close) {
  res_ = {};
  res_.version(version_);
  res_.result(res.status);
  res_.set(http::field::server, "actorbus-admin");
  res_.set(http::field::content_type, res.content_type);
  for (auto& [name, value] : res.headers)
    res_.set(name, value);
  res_.body() = std::move(res.body);
  close = close || !keep_alive_;
  res_.keep_alive(!close);
  res_.prepare_payload();
  stream_.expires_after(core_->opts.write_timeout);
  http::async_write(
    stream_, res_,
    [self = shared_from_this(), close](beast::error_code ec, size_t) {
      self->on_write(ec, close);
    });
}

void http_session::on_write(beast::error_code ec, bool close) {
  if (ec)
    return do_close();
  if (close)
    return do_linger();
  do_read();
}

void http_session::do_linger() {
  // Closing with unread input makes the kernel send RST, which can destroy
  // the answer we just wrote (e.g. the 413 of a client still sending its
  // body). Half-close and drain for a moment instead.
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  stream_.expires_after(
    std::min(core_->opts.read_timeout, std::chrono::milliseconds{1000}));
  stream_.async_read_some(
    net::buffer(drain_buf_),
    [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec)
        return self->do_close();
      self->do_linger();
    });
}

void http_session::do_close() {
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  stream_.socket().close(ec);
}

} // namespace actorbus::admin::detail
