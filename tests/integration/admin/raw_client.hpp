#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace actorbus::test {

/// A plain TCP client for poking an HTTP server with arbitrary bytes. Every
/// wait has a deadline (poll), so a misbehaving server fails the test instead
/// of hanging it.
class raw_client {
public:
  /// Connects to 127.0.0.1:port; throws std::runtime_error on failure.
  explicit raw_client(uint16_t port);
  ~raw_client();

  raw_client(const raw_client&) = delete;
  raw_client& operator=(const raw_client&) = delete;

  /// Sends all bytes; returns false if the peer is gone.
  bool send(const std::string& bytes);

  /// Reads until the data holds one complete HTTP response (headers plus
  /// Content-Length bytes), the peer closes, or the deadline passes.
  std::string read_response(std::chrono::milliseconds deadline);

  /// Reads (and collects) until the peer closes the connection. Returns
  /// true if it did so before the deadline.
  bool wait_closed(std::chrono::milliseconds deadline);

  /// Everything received so far that read_response has not returned.
  const std::string& pending() const noexcept { return buf_; }

  /// Closes the socket now (a vanishing client).
  void close();

private:
  /// Waits up to `timeout` for data; returns bytes read, 0 on EOF, -1 on
  /// timeout or error.
  long read_some(std::chrono::milliseconds timeout);

  int fd_ = -1;
  std::string buf_;
};

/// Returns the status code of a raw HTTP response ("HTTP/1.1 404 ..."), or 0.
unsigned status_of(const std::string& response);

/// Returns the body of a raw HTTP response (after the blank line).
std::string body_of(const std::string& response);

/// Returns a port on 127.0.0.1 that nothing listens on (bound, then closed).
uint16_t unused_port();

} // namespace actorbus::test
