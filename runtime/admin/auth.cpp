#include "runtime/admin/auth.hpp"

#include <boost/asio/ip/address.hpp>

namespace actorbus::admin {

namespace {

// Compares without an early exit on the first differing byte (the length
// itself is not secret enough to hide).
bool equal_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

http_response unauthorized(std::string_view detail) {
  auto res = http_response::error(401, "unauthorized", detail);
  res.headers.emplace_back("WWW-Authenticate", "Bearer");
  return res;
}

} // namespace

bool is_loopback_address(std::string_view address) {
  boost::system::error_code ec;
  auto addr = boost::asio::ip::make_address(std::string{address}, ec);
  return !ec && addr.is_loopback();
}

std::optional<http_response>
auth_policy::check(const std::string* authorization_header) const {
  if (authorization_header == nullptr) {
    if (required)
      return unauthorized("this endpoint requires 'Authorization: Bearer "
                          "<token>'");
    return std::nullopt;
  }
  if (!required && token.empty())
    return std::nullopt;
  constexpr std::string_view prefix = "Bearer ";
  std::string_view value{*authorization_header};
  if (value.substr(0, prefix.size()) != prefix)
    return unauthorized("the Authorization header must be 'Bearer <token>'");
  if (token.empty() || !equal_constant_time(value.substr(prefix.size()), token))
    return unauthorized("wrong bearer token");
  return std::nullopt;
}

} // namespace actorbus::admin
