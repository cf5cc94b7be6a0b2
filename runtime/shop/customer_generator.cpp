#include "runtime/shop/customer_generator.hpp"

#include <algorithm>
#include <cstdio>

namespace actorbus::shop {

customer_generator::customer_generator(const sim_params& params)
  : params_(params), catalogue_(params), rng_(params.seed) {
  active_.resize(params.customers);
  for (uint32_t i = 0; i < params.customers; ++i) {
    active_[i].index = i;
    write_script(active_[i]);
  }
}

std::string customer_generator::customer_id(uint32_t customer) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "c%04u", customer);
  return buf;
}

std::string customer_generator::order_id(uint32_t customer, uint32_t order) {
  char buf[48];
  std::snprintf(buf, sizeof(buf), "c%04u-o%04u", customer, order);
  return buf;
}

uint64_t customer_generator::draw(uint64_t bound) {
  // Modulo of the raw engine output: std::uniform_int_distribution is
  // implementation-defined, the engine is not, and the bias is negligible.
  return rng_() % bound;
}

void customer_generator::write_script(customer& c) {
  auto cust = customer_id(c.index);
  auto order = order_id(c.index, c.next_order);
  // Distinct skus: a partial Fisher-Yates draw over the catalogue.
  auto skus = catalogue_.skus();
  auto lines = 1 + draw(params_.max_lines_per_cart);
  std::vector<shop_event> commands;
  for (uint64_t i = 0; i < lines; ++i) {
    std::swap(skus[i], skus[i + draw(skus.size() - i)]);
    auto qty = static_cast<int32_t>(1 + draw(params_.max_qty_per_line));
    commands.emplace_back(
      add_to_cart{order, cust, skus[i], qty, static_cast<uint32_t>(i + 1)});
  }
  auto roll = static_cast<double>(rng_() >> 11) * 0x1.0p-53;
  if (lines > 1 && roll < params_.remove_rate) {
    const auto& victim = std::get<add_to_cart>(commands[draw(lines)]);
    commands.emplace_back(remove_from_cart{order, cust, victim.sku, victim.qty,
                                           static_cast<uint32_t>(lines + 1)});
  }
  commands.emplace_back(
    check_out{order, cust, static_cast<uint32_t>(commands.size() + 1)});
  std::reverse(commands.begin(), commands.end());
  c.script = std::move(commands);
}

std::optional<shop_event> customer_generator::next() {
  if (active_.empty())
    return std::nullopt;
  auto pick = draw(active_.size());
  auto& c = active_[pick];
  auto result = std::move(c.script.back());
  c.script.pop_back();
  ++produced_;
  if (std::holds_alternative<check_out>(result)) {
    ++checkouts_;
    if (++c.next_order < params_.orders_per_customer) {
      write_script(c);
    } else {
      std::swap(c, active_.back());
      active_.pop_back();
    }
  }
  return result;
}

uint64_t customer_generator::skip(uint64_t n) {
  uint64_t dropped = 0;
  while (dropped < n && next())
    ++dropped;
  return dropped;
}

} // namespace actorbus::shop
