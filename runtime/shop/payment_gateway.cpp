#include "runtime/shop/payment_gateway.hpp"

#include <random>

#include <boost/crc.hpp>

namespace actorbus::shop {

payment_gateway::payment_gateway(uint64_t seed, double decline_rate,
                                 std::chrono::microseconds mean_latency)
  : seed_(seed), decline_rate_(decline_rate), mean_latency_(mean_latency) {
  // nop
}

gateway_decision payment_gateway::charge(const std::string& order_id,
                                         int64_t amount_cents) const {
  boost::crc_32_type crc;
  crc.process_bytes(order_id.data(), order_id.size());
  std::mt19937_64 rng{seed_ ^ crc.checksum()};
  // Draw with our own scaling: std::uniform_real_distribution's output is
  // implementation-defined, the engine's is not.
  auto unit = [&rng] { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
  gateway_decision result;
  auto u = unit();
  result.approved = amount_cents > 0 && u >= decline_rate_;
  if (!result.approved)
    result.decline_reason = amount_cents <= 0       ? "invalid_amount"
                            : u < decline_rate_ / 2 ? "insufficient_funds"
                                                    : "card_declined";
  auto factor = 0.5 + unit();
  result.latency = std::chrono::microseconds{
    static_cast<int64_t>(static_cast<double>(mean_latency_.count()) * factor)};
  return result;
}

} // namespace actorbus::shop
