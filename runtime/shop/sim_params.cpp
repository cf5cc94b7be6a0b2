#include "runtime/shop/sim_params.hpp"

#include "runtime/errc.hpp"

namespace actorbus::shop {

namespace {

caf::error bad(const char* field, const char* rule) {
  return caf::make_error(errc::invalid_config,
                         std::string{"shop."} + field + " must be " + rule);
}

bool is_rate(double x) {
  return x >= 0.0 && x <= 1.0;
}

} // namespace

caf::error validate(const sim_params& params) {
  if (params.customers < 1)
    return bad("customers", ">= 1");
  if (params.orders_per_customer < 1)
    return bad("orders-per-customer", ">= 1");
  if (params.catalogue_size < 1)
    return bad("catalogue-size", ">= 1");
  if (params.initial_stock < 0)
    return bad("initial-stock", ">= 0");
  if (!is_rate(params.decline_rate))
    return bad("decline-rate", "in [0, 1]");
  if (params.gateway_latency.count() < 0)
    return bad("gateway-latency", ">= 0");
  if (params.max_lines_per_cart < 1
      || params.max_lines_per_cart > params.catalogue_size)
    return bad("max-lines-per-cart", "in [1, catalogue-size]");
  if (params.max_qty_per_line < 1)
    return bad("max-qty-per-line", ">= 1");
  if (!is_rate(params.remove_rate))
    return bad("remove-rate", "in [0, 1]");
  return caf::none;
}

std::chrono::nanoseconds pacing_offset(const sim_params& params,
                                       uint64_t orders_placed) {
  if (params.target_rate == 0)
    return std::chrono::nanoseconds{0};
  auto ns = static_cast<long double>(orders_placed) * 1e9L
            / static_cast<long double>(params.target_rate);
  return std::chrono::nanoseconds{static_cast<int64_t>(ns)};
}

} // namespace actorbus::shop
