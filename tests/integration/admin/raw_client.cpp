#include "tests/integration/admin/raw_client.hpp"

#include <cstring>
#include <stdexcept>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace actorbus::test {

namespace {

using clock_type = std::chrono::steady_clock;

sockaddr_in loopback(uint16_t port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

/// Length of a complete response at the start of `buf`, or 0.
size_t complete_response(const std::string& buf) {
  auto end = buf.find("\r\n\r\n");
  if (end == std::string::npos)
    return 0;
  size_t length = 0;
  auto pos = buf.find("Content-Length: ");
  if (pos != std::string::npos && pos < end)
    length = std::stoul(buf.substr(pos + 16));
  auto total = end + 4 + length;
  return buf.size() >= total ? total : 0;
}

} // namespace

raw_client::raw_client(uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  auto addr = loopback(port);
  if (fd_ < 0
      || ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0)
    throw std::runtime_error(std::string{"connect failed: "}
                             + std::strerror(errno));
}

raw_client::~raw_client() {
  close();
}

void raw_client::close() {
  if (fd_ >= 0)
    ::close(fd_);
  fd_ = -1;
}

bool raw_client::send(const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    auto n
      = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0)
      return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

long raw_client::read_some(std::chrono::milliseconds timeout) {
  pollfd pfd{fd_, POLLIN, 0};
  if (::poll(&pfd, 1, static_cast<int>(timeout.count())) <= 0)
    return -1;
  char tmp[4096];
  auto n = ::recv(fd_, tmp, sizeof(tmp), 0);
  if (n > 0)
    buf_.append(tmp, static_cast<size_t>(n));
  return n < 0 ? 0 : n; // a reset counts as closed
}

std::string raw_client::read_response(std::chrono::milliseconds deadline) {
  auto until = clock_type::now() + deadline;
  size_t len = 0;
  while ((len = complete_response(buf_)) == 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      until - clock_type::now());
    if (left.count() <= 0 || read_some(left) <= 0)
      break;
  }
  if (len == 0)
    len = buf_.size();
  auto result = buf_.substr(0, len);
  buf_.erase(0, len);
  return result;
}

bool raw_client::wait_closed(std::chrono::milliseconds deadline) {
  auto until = clock_type::now() + deadline;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      until - clock_type::now());
    if (left.count() <= 0)
      return false;
    auto n = read_some(left);
    if (n == 0)
      return true;
    if (n < 0)
      return false;
  }
}

unsigned status_of(const std::string& response) {
  if (response.size() < 12 || response.compare(0, 5, "HTTP/") != 0)
    return 0;
  return static_cast<unsigned>(std::stoul(response.substr(9, 3)));
}

std::string body_of(const std::string& response) {
  auto end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

uint16_t unused_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  auto addr = loopback(0);
  socklen_t len = sizeof(addr);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), len) != 0
      || ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    throw std::runtime_error("cannot find an unused port");
  ::close(fd);
  return ntohs(addr.sin_port);
}

} // namespace actorbus::test
