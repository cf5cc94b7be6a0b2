#include "runtime/admin/admin_server.hpp"

#include <stdexcept>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include "runtime/admin/detail/http_session.hpp"
#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus::admin {

namespace net = boost::asio;
using tcp = net::ip::tcp;

/// Accepts connections and hands each to a new http_session on its own
/// strand.
struct admin_server::listener : std::enable_shared_from_this<listener> {
  listener(net::io_context& ioc, std::shared_ptr<detail::server_core> core)
    : ioc(ioc), acceptor(net::make_strand(ioc)), core(std::move(core)) {}

  void accept() {
    acceptor.async_accept(
      net::make_strand(ioc), [self = shared_from_this()](
                               boost::system::error_code ec, tcp::socket sock) {
        if (ec == net::error::operation_aborted || !self->acceptor.is_open())
          return;
        if (!ec)
          std::make_shared<detail::http_session>(std::move(sock), self->core)
            ->start();
        else
          logging::warn("admin-http", "accept failed",
                        {{"reason", ec.message()}});
        self->accept();
      });
  }

  net::io_context& ioc;
  tcp::acceptor acceptor;
  std::shared_ptr<detail::server_core> core;
};

admin_server::admin_server(server_options opts)
  : core_(std::make_shared<detail::server_core>()),
    ioc_(std::make_unique<net::io_context>()) {
  core_->opts = std::move(opts);
  core_->auth.token = core_->opts.token;
  core_->auth.required
    = core_->opts.require_token || !is_loopback_address(core_->opts.address);
}

admin_server::~admin_server() {
  stop();
}

void admin_server::route(std::string method, const std::string& pattern,
                         handler fn) {
  if (started_)
    throw std::logic_error("admin_server::route called after start");
  core_->routes.add(std::move(method), pattern, std::move(fn));
}

caf::error admin_server::start() {
  if (started_)
    return caf::make_error(errc::invalid_argument,
                           "admin server started twice");
  auto& opts = core_->opts;
  boost::system::error_code ec;
  auto addr = net::ip::make_address(opts.address, ec);
  if (ec)
    return caf::make_error(errc::invalid_config,
                           "admin.address: not an IP address: " + opts.address);
  if (core_->auth.required && opts.token.empty())
    return caf::make_error(errc::invalid_config,
                           "admin.token: required when admin.address ("
                             + opts.address + ") is not loopback");
  if (opts.threads == 0)
    return caf::make_error(errc::invalid_config, "admin threads: must be >= 1");
  listener_ = std::make_shared<listener>(*ioc_, core_);
  auto& acc = listener_->acceptor;
  tcp::endpoint ep{addr, opts.port};
  if (acc.open(ep.protocol(), ec)
      || acc.set_option(tcp::acceptor::reuse_address(true), ec)
      || acc.bind(ep, ec)
      || acc.listen(net::socket_base::max_listen_connections, ec))
    return caf::make_error(errc::io_error, "cannot listen on " + opts.address
                                             + ":" + std::to_string(opts.port)
                                             + ": " + ec.message());
  port_ = acc.local_endpoint().port();
  started_ = true;
  listener_->accept();
  for (size_t i = 0; i < opts.threads; ++i)
    threads_.emplace_back([ioc = ioc_.get()] { ioc->run(); });
  logging::info("admin-http", "listening",
                {{"address", opts.address},
                 {"port", port_},
                 {"auth", core_->auth.required ? "required" : "optional"}});
  return caf::none;
}

void admin_server::stop() {
  if (threads_.empty())
    return;
  {
    std::lock_guard<std::mutex> guard{core_->gate->mtx};
    core_->gate->open = false;
  }
  ioc_->stop();
  for (auto& t : threads_)
    t.join();
  threads_.clear();
  // Destroying the io_context closes every socket and frees every session
  // still waiting in a handler.
  listener_.reset();
  ioc_.reset();
  logging::info("admin-http", "stopped", {{"port", port_}});
}

const std::string& admin_server::address() const noexcept {
  return core_->opts.address;
}

size_t admin_server::connections() const noexcept {
  return core_->connections.load();
}

} // namespace actorbus::admin
