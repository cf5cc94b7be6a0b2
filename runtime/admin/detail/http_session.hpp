#pragma once

#include <array>
#include <memory>
#include <optional>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "runtime/admin/detail/server_core.hpp"

namespace actorbus::admin::detail {

/// One HTTP/1.1 connection: read a request (under read_timeout, header and
/// body limits), authenticate, route, run the handler, wait for its reply
/// (under handler_timeout), write, and repeat while keep-alive holds. One
/// request at a time; all work runs on the connection's strand. The session
/// keeps itself alive through its pending operations; responders only hold
/// a weak reference.
class http_session : public std::enable_shared_from_this<http_session> {
public:
  using request_type
    = boost::beast::http::request<boost::beast::http::string_body>;

  http_session(boost::asio::ip::tcp::socket socket,
               std::shared_ptr<server_core> core);
  ~http_session();

  void start();

private:
  void do_read();
  void on_read(boost::beast::error_code ec);
  void dispatch(request_type req);
  void run_handler(const handler& fn, http_request req);
  void send(http_response res, bool close);
  void on_write(boost::beast::error_code ec, bool close);
  void do_linger();
  void do_close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<
    boost::beast::http::request_parser<boost::beast::http::string_body>>
    parser_;
  boost::beast::http::response<boost::beast::http::string_body> res_;
  boost::asio::steady_timer handler_timer_;
  std::shared_ptr<server_core> core_;
  std::array<char, 1024> drain_buf_;
  bool keep_alive_ = false;
  unsigned version_ = 11;
};

} // namespace actorbus::admin::detail
