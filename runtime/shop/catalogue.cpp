#include "runtime/shop/catalogue.hpp"

#include <cstdio>

namespace actorbus::shop {

catalogue::catalogue(uint32_t size, int64_t initial_stock)
  : initial_stock_(initial_stock) {
  skus_.reserve(size);
  for (uint32_t i = 0; i < size; ++i) {
    skus_.push_back(sku_name(i));
    // Prices from 1.99 to 99.98, spread by a multiplicative step.
    prices_.emplace(skus_.back(), 199 + (int64_t{i} * 7919) % 9800);
  }
}

std::string catalogue::sku_name(uint32_t i) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "sku-%04u", i);
  return buf;
}

std::optional<int64_t> catalogue::price_of(const std::string& sku) const {
  if (auto i = prices_.find(sku); i != prices_.end())
    return i->second;
  return std::nullopt;
}

} // namespace actorbus::shop
