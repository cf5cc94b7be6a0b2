#include "runtime/shop/payment_gateway.hpp"

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
  // SplitMix64 (Steele, Lea, Flood 2014): two draws per charge from a fully
  // specified generator. A std::mt19937_64 seeded per charge initialised
  // and twisted 312 words each time (~2 % of a shop run).
  uint64_t state = seed_ ^ crc.checksum();
  auto next = [&state] {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  // Our own scaling: std::uniform_real_distribution's output is
  // implementation-defined.
  auto unit = [&next] { return static_cast<double>(next() >> 11) * 0x1.0p-53; };
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
