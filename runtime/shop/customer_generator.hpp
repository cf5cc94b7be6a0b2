#pragma once

// The simulated customers: a seeded, deterministic stream of cart commands.
// Customer c (0 <= c < customers) places orders_per_customer orders one after
// the other; for each it adds 1..max_lines_per_cart distinct skus (1..
// max_qty_per_line units each), with probability remove_rate removes one line
// again, then checks out. At every step a random customer with work left acts,
// so carts of different customers interleave.
//
// The stream is a pure function of sim_params: the same params give the same
// commands in the same order, so a resumed run skips the commands it already
// published (`skip(n)`) and continues identically.
//
// Ids: customer "c0042", order (= cart) "c0042-o0007". The commands of one
// cart carry steps 1, 2, ..., so Cart applies each at most once by order id
// and step. A resumed driver can therefore also republish commands whose
// publish it is unsure about: replay the stream and publish every command
// whose (order_id, step) is not yet in `cart-commands`; a repeat is ignored.

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "runtime/shop/catalogue.hpp"
#include "runtime/shop/shop_event.hpp"
#include "runtime/shop/sim_params.hpp"

namespace actorbus::shop {

class customer_generator {
public:
  explicit customer_generator(const sim_params& params);

  /// The next command (add_to_cart, remove_from_cart or check_out), or
  /// nullopt once every customer placed all orders.
  std::optional<shop_event> next();

  /// Drops the next `n` commands; returns how many were dropped.
  uint64_t skip(uint64_t n);

  /// Commands produced so far (including skipped ones).
  uint64_t produced() const noexcept { return produced_; }

  /// Checkouts produced so far, i.e. orders placed.
  uint64_t orders_placed() const noexcept { return checkouts_; }

  static std::string customer_id(uint32_t customer);
  static std::string order_id(uint32_t customer, uint32_t order);

private:
  struct customer {
    uint32_t index = 0;
    uint32_t next_order = 0;
    /// Commands of the current cart, next one last.
    std::vector<shop_event> script;
  };

  void write_script(customer& c);
  uint64_t draw(uint64_t bound); // uniform in [0, bound)

  sim_params params_;
  catalogue catalogue_;
  std::mt19937_64 rng_;
  std::vector<customer> active_;
  uint64_t produced_ = 0;
  uint64_t checkouts_ = 0;
};

} // namespace actorbus::shop
