#include "runtime/admin/ctl_client.hpp"

#include <charconv>
#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/dynamic_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "caf/actor_system_config.hpp"
#include "caf/settings.hpp"

#include "runtime/errc.hpp"

namespace actorbus::admin {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

std::string to_string(const node_address& x) {
  if (x.host.find(':') != std::string::npos)
    return "[" + x.host + "]:" + std::to_string(x.port);
  return x.host + ":" + std::to_string(x.port);
}

caf::expected<node_address> parse_node_address(std::string_view str) {
  auto bad = [&] {
    return caf::make_error(errc::invalid_argument, "expected host:port, got '"
                                                     + std::string{str} + "'");
  };
  auto colon = str.rfind(':');
  if (colon == std::string_view::npos || colon == 0)
    return bad();
  auto host = str.substr(0, colon);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']')
      return bad();
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return bad();
  }
  auto port_str = str.substr(colon + 1);
  unsigned port = 0;
  auto res
    = std::from_chars(port_str.data(), port_str.data() + port_str.size(), port);
  if (port_str.empty() || res.ec != std::errc{}
      || res.ptr != port_str.data() + port_str.size() || port == 0
      || port > 65535)
    return bad();
  return node_address{std::string{host}, static_cast<uint16_t>(port)};
}

caf::expected<node_address> node_address_from_config(const std::string& file,
                                                     std::string& token) {
  auto content = caf::actor_system_config::parse_config_file(file.c_str());
  if (!content)
    return caf::make_error(errc::invalid_config, "cannot read config file "
                                                   + file + ": "
                                                   + render(content.error()));
  auto address = caf::get_or(*content, "admin.address", "127.0.0.1");
  auto port = caf::get_or(*content, "admin.port", int64_t{0});
  if (port <= 0 || port > 65535)
    return caf::make_error(errc::invalid_config,
                           file
                             + ": [admin] port is not set to a fixed port; "
                               "pass --node host:port");
  if (address == "0.0.0.0")
    address = "127.0.0.1";
  else if (address == "::")
    address = "::1";
  if (auto tok = caf::get_if<std::string>(&*content, "admin.token"))
    token = *tok;
  return node_address{address, static_cast<uint16_t>(port)};
}

ctl_client::ctl_client(node_address node, std::string token,
                       std::chrono::milliseconds timeout)
  : node_(std::move(node)), token_(std::move(token)), timeout_(timeout) {}

caf::expected<http_reply> ctl_client::request(const std::string& method,
                                              const std::string& target) {
  // Async operations on a private io_context give every step the deadline
  // that Beast's synchronous calls lack.
  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
  http::request<http::string_body> req{http::string_to_verb(method), target,
                                       11};
  req.set(http::field::host, node_.host);
  req.set(http::field::user_agent, "actorbusctl");
  if (!token_.empty())
    req.set(http::field::authorization, "Bearer " + token_);
  req.prepare_payload();
  http::response<http::string_body> res;
  std::optional<caf::error> failure;
  auto fail = [&](errc code, const std::string& what, beast::error_code ec) {
    if (ec == beast::error::timeout)
      failure = caf::make_error(
        errc::timeout, "node at " + to_string(node_) + " did not answer within "
                         + std::to_string(timeout_.count()) + "ms");
    else
      failure = caf::make_error(code, what + " " + to_string(node_) + ": "
                                        + ec.message());
  };
  boost::system::error_code ec;
  auto addr = net::ip::make_address(node_.host, ec);
  std::vector<tcp::endpoint> endpoints;
  if (!ec) {
    endpoints.emplace_back(addr, node_.port);
  } else {
    tcp::resolver resolver{ioc};
    auto results = resolver.resolve(node_.host, std::to_string(node_.port), ec);
    if (ec)
      return caf::make_error(errc::node_unreachable, "cannot reach node at "
                                                       + to_string(node_) + ": "
                                                       + ec.message());
    for (auto& entry : results)
      endpoints.emplace_back(entry.endpoint());
  }
  stream.expires_after(timeout_);
  stream.async_connect(endpoints, [&](beast::error_code ec,
                                      const tcp::endpoint&) {
    if (ec)
      return fail(errc::node_unreachable, "cannot reach node at", ec);
    http::async_write(stream, req, [&](beast::error_code ec, size_t) {
      if (ec)
        return fail(errc::node_unreachable, "cannot send request to node at",
                    ec);
      http::async_read(stream, buffer, res, [&](beast::error_code ec, size_t) {
        if (ec)
          return fail(errc::io_error, "no valid answer from node at", ec);
      });
    });
  });
  ioc.run();
  if (failure)
    return std::move(*failure);
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  return http_reply{res.result_int(),
                    std::string{res[http::field::content_type]},
                    std::move(res.body())};
}

} // namespace actorbus::admin
