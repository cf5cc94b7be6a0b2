#pragma once

// The shop's catalogue: `size` skus named "sku-0000", "sku-0001", ... with a
// fixed unit price each and the same initial stock. A pure function of
// sim_params, so every service and every restart sees the same catalogue.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runtime/shop/sim_params.hpp"

namespace actorbus::shop {

class catalogue {
public:
  catalogue(uint32_t size, int64_t initial_stock);

  explicit catalogue(const sim_params& params)
    : catalogue(params.catalogue_size, params.initial_stock) {}

  /// The name of the sku with index `i` (< size()).
  static std::string sku_name(uint32_t i);

  /// Unit price in cents; nullopt for an sku not in the catalogue.
  std::optional<int64_t> price_of(const std::string& sku) const;

  const std::vector<std::string>& skus() const noexcept { return skus_; }

  uint32_t size() const noexcept { return static_cast<uint32_t>(skus_.size()); }

  int64_t initial_stock() const noexcept { return initial_stock_; }

private:
  std::vector<std::string> skus_;
  std::map<std::string, int64_t> prices_;
  int64_t initial_stock_;
};

} // namespace actorbus::shop
