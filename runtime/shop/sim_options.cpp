#include "runtime/shop/sim_options.hpp"

#include "runtime/errc.hpp"
#include "runtime/shop/shop_flow.hpp"

namespace actorbus::shop {

namespace c = constraint;
using namespace std::chrono_literals;

void declare_sim_options(node_config& cfg, sim_options& o) {
  const char* cat = "?shop";
  cfg.declare(cat, o.orders, "orders", "orders placed in total",
              c::integer(1, 100'000'000));
  cfg.declare(cat, o.customers, "customers", "simulated customers",
              c::integer(1, 1'000'000));
  cfg.declare(cat, o.catalogue_size, "catalogue-size", "distinct skus",
              c::integer(1, 1'000'000));
  cfg.declare(cat, o.initial_stock, "initial-stock", "units per sku at start",
              c::integer(0, int64_t{1} << 40));
  cfg.declare(cat, o.decline_rate, "decline-rate",
              "fraction of charges the gateway declines", c::real(0.0, 1.0));
  cfg.declare(cat, o.target_rate, "target-rate",
              "orders per second to aim for, 0 = as fast as possible",
              c::integer(0, 10'000'000));
  cfg.declare(cat, o.max_open_orders, "max-open-orders",
              "placed but unfinished orders before customers wait, 0 = "
              "no limit",
              c::integer(0, 100'000'000));
  cfg.declare(cat, o.seed, "seed", "seed of every random decision",
              c::integer(0, std::numeric_limits<int64_t>::max()));
  cfg.declare(cat, o.gateway_latency, "gateway-latency",
              "mean latency of a simulated charge", c::duration(0s, 10s));
  cfg.declare(cat, o.chaos_kill, "chaos-kill",
              "services to kill with exit_reason::kill, e.g. payment,inventory",
              c::any("service names separated by commas"));
  cfg.declare(cat, o.chaos_every, "chaos-every", "period of the chaos kills",
              c::duration(1ms, 1h));
  cfg.declare(cat, o.chaos_crash_rate, "chaos-crash-rate",
              "probability that a service handler throws", c::real(0.0, 0.5));
  cfg.declare(cat, o.report, "report", "write the summary as JSON here",
              c::any("a file path"));
  cfg.declare(cat, o.resume, "resume",
              "continue the run in an existing --data-dir",
              c::any("true or false"));
  cfg.declare(cat, o.deadline, "deadline",
              "give up waiting for unfinished orders after this long",
              c::duration(1s, 24h));
  cfg.declare(cat, o.progress_every, "progress-every",
              "period of the progress line", c::duration(10ms, 1h));
}

caf::expected<sim_params> to_params(const sim_options& o) {
  sim_params p;
  p.customers = static_cast<uint32_t>(std::min(o.customers, o.orders));
  p.orders_per_customer
    = static_cast<uint32_t>((o.orders + p.customers - 1) / p.customers);
  p.catalogue_size = static_cast<uint32_t>(o.catalogue_size);
  p.max_lines_per_cart
    = std::min<uint32_t>(p.max_lines_per_cart, p.catalogue_size);
  p.initial_stock = o.initial_stock;
  p.decline_rate = o.decline_rate;
  p.target_rate = static_cast<uint32_t>(o.target_rate);
  p.seed = static_cast<uint64_t>(o.seed);
  p.gateway_latency
    = std::chrono::duration_cast<std::chrono::microseconds>(o.gateway_latency);
  if (auto err = validate(p))
    return err;
  return p;
}

caf::expected<std::vector<std::string>> chaos_targets(const sim_options& o) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (!o.chaos_kill.empty() && pos <= o.chaos_kill.size()) {
    auto comma = o.chaos_kill.find(',', pos);
    auto name = o.chaos_kill.substr(
      pos, comma == std::string::npos ? std::string::npos : comma - pos);
    bool known = false;
    for (auto id : all_services)
      known = known || name == name_of(id);
    if (!known)
      return caf::make_error(errc::invalid_config,
                             "shop.chaos-kill=\"" + o.chaos_kill
                               + "\": expected names among cart, order, "
                                 "payment, inventory, notification");
    out.push_back(name);
    if (comma == std::string::npos)
      break;
    pos = comma + 1;
  }
  return out;
}

} // namespace actorbus::shop
