#include "runtime/shop/customer_generator.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "runtime/errc.hpp"

using namespace actorbus::shop;

namespace {

sim_params small(uint64_t seed) {
  sim_params p;
  p.customers = 7;
  p.orders_per_customer = 5;
  p.catalogue_size = 10;
  p.remove_rate = 0.5;
  p.seed = seed;
  return p;
}

std::vector<shop_event> drain(customer_generator& gen) {
  std::vector<shop_event> result;
  while (auto x = gen.next())
    result.push_back(*x);
  return result;
}

} // namespace

TEST(CustomerGenerator, EveryCustomerPlacesAllOrdersWithValidCarts) {
  auto p = small(11);
  customer_generator gen{p};
  std::map<std::string, std::set<std::string>> skus_in_cart;
  std::set<std::string> checked_out;
  uint64_t removes = 0;
  for (const auto& ev : drain(gen)) {
    const auto& order = order_id_of(ev);
    ASSERT_EQ(checked_out.count(order), 0u) << "command after checkout";
    if (auto* add = std::get_if<add_to_cart>(&ev)) {
      EXPECT_TRUE(skus_in_cart[order].insert(add->sku).second);
      EXPECT_GE(add->qty, 1);
      EXPECT_LE(add->qty, p.max_qty_per_line);
    } else if (auto* rm = std::get_if<remove_from_cart>(&ev)) {
      EXPECT_EQ(skus_in_cart[order].count(rm->sku), 1u);
      ++removes;
    } else {
      EXPECT_FALSE(skus_in_cart[order].empty());
      checked_out.insert(order);
    }
  }
  EXPECT_EQ(checked_out.size(), p.total_orders());
  EXPECT_EQ(gen.orders_placed(), p.total_orders());
  EXPECT_GT(removes, 0u);
  EXPECT_TRUE(checked_out.count(customer_generator::order_id(6, 4)));
}

TEST(CustomerGenerator, SameSeedSameStreamOtherSeedOther) {
  customer_generator a{small(5)};
  customer_generator b{small(5)};
  customer_generator c{small(6)};
  auto xs = drain(a);
  auto ys = drain(b);
  auto zs = drain(c);
  ASSERT_EQ(xs.size(), ys.size());
  bool differs = xs.size() != zs.size();
  for (size_t i = 0; i < xs.size(); ++i) {
    EXPECT_EQ(to_json(xs[i]), to_json(ys[i]));
    differs = differs || (i < zs.size() && to_json(xs[i]) != to_json(zs[i]));
  }
  EXPECT_TRUE(differs);
}

TEST(CustomerGenerator, SkipResumesTheSameStream) {
  customer_generator full{small(3)};
  auto all = drain(full);
  customer_generator resumed{small(3)};
  EXPECT_EQ(resumed.skip(17), 17u);
  auto rest = drain(resumed);
  ASSERT_EQ(rest.size(), all.size() - 17);
  EXPECT_EQ(to_json(rest.front()), to_json(all[17]));
  EXPECT_EQ(resumed.produced(), all.size());
  EXPECT_EQ(resumed.skip(5), 0u);
}

TEST(SimParams, ValidateNamesTheBadField) {
  EXPECT_FALSE(validate(sim_params{}));
  auto p = sim_params{};
  p.decline_rate = 1.5;
  auto err = validate(p);
  ASSERT_TRUE(err);
  EXPECT_TRUE(actorbus::has_code(err, actorbus::errc::invalid_config));
  p = sim_params{};
  p.max_lines_per_cart = p.catalogue_size + 1;
  EXPECT_TRUE(validate(p));
  p = sim_params{};
  p.customers = 0;
  EXPECT_TRUE(validate(p));
}

TEST(SimParams, PacingOffsetFollowsTheTargetRate) {
  sim_params p;
  EXPECT_EQ(pacing_offset(p, 1000).count(), 0);
  p.target_rate = 2000;
  EXPECT_EQ(pacing_offset(p, 1000), std::chrono::milliseconds{500});
}

TEST(CustomerGenerator, CommandsOfACartAreNumberedFromOne) {
  customer_generator gen{small(21)};
  std::map<std::string, uint32_t> last;
  while (auto ev = gen.next()) {
    auto step = std::visit(
      [](const auto& x) -> uint32_t {
        if constexpr (
          std::is_same_v<
            std::decay_t<decltype(x)>,
            add_to_cart> || std::is_same_v<std::decay_t<decltype(x)>, remove_from_cart> || std::is_same_v<std::decay_t<decltype(x)>, check_out>)
          return x.step;
        else
          return 0;
      },
      *ev);
    auto& prev = last[order_id_of(*ev)];
    EXPECT_EQ(step, prev + 1) << order_id_of(*ev);
    prev = step;
  }
  EXPECT_EQ(last.size(), small(21).total_orders());
}
