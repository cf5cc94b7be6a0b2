#pragma once

// The whole shop on the deterministic scheduler: broker (in-memory file
// system), the five services under their supervisor, a customer driver that
// publishes the seeded customers' commands without blocking, scripted kills
// "after N deliveries to service S", and the audit of shop-sim over the log.

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "actors/broker/read_messages.hpp"
#include "actors/shop/shop_run.hpp"
#include "actors/shop/shop_services.hpp"
#include "actors/supervisor/actor_directory.hpp"
#include "runtime/logging/logger.hpp"
#include "runtime/shop/customer_generator.hpp"
#include "runtime/shop/invariants.hpp"
#include "runtime/shop/shop_codec.hpp"
#include "runtime/shop/shop_topics.hpp"
#include "tests/actor/broker/broker_fixture.hpp"

namespace actorbus::test {

/// Kill service `service` (exit_reason::kill, through the directory) once
/// it has handled `after` deliveries and sent `sent` events of its own (all
/// instances together), at the first moment a new, running instance exists.
struct kill_point {
  std::string service;
  uint64_t after = 0;
  uint64_t sent = 0;
};

class shop_fixture : public broker_fixture {
protected:
  shop_fixture() {
    logging::default_logger().set_sink(
      [this](std::string_view line) { lines.emplace_back(line); });
    opts.default_partitions = 2;
    opts.durability = "always";
    opts.max_payload_bytes = 64 * 1024;
    // Kills redeliver with attempt + 1; nothing may be dead-lettered.
    opts.max_attempts = 1000;
    auto ts = shop::shop_topics(opts);
    EXPECT_TRUE(ts);
    topics = *ts;
    params.customers = 10;
    params.orders_per_customer = 5; // 50 orders
    params.catalogue_size = 8;
    params.initial_stock = 25;      // some orders run out of stock
    params.decline_rate = 0.1;
    params.seed = 7;
    params.gateway_latency = std::chrono::milliseconds{2};
  }

  ~shop_fixture() override {
    if (services.supervisor)
      caf::anon_send_exit(services.supervisor,
                          caf::exit_reason::user_shutdown);
    run();
    for (int i = 0; i < 4; ++i)
      advance(std::chrono::seconds{5});
    if (brk)
      stop_broker(brk);
    logging::default_logger().set_sink([](std::string_view line) {
      std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()),
                   line.data());
    });
  }

  void start_shop(double crash_rate = 0.0) {
    brk = start_broker();
    shop::shop_services_config cfg;
    cfg.broker = brk;
    cfg.roles = {"cart", "order", "payment", "inventory", "notification"};
    cfg.params = params;
    cfg.crash_rate = crash_rate;
    cfg.seed = params.seed;
    cfg.supervision.max_restarts = 1000;
    cfg.supervision.backoff_min = std::chrono::milliseconds{1};
    cfg.supervision.backoff_max = std::chrono::milliseconds{20};
    cfg.supervision.backoff_jitter = 0.0;
    auto svcs = shop::spawn_shop_services(sys, cfg, dir);
    ASSERT_TRUE(svcs) << render(svcs.error());
    services = *svcs;
  }

  /// Queues every customer command at the broker (batches of 64), without
  /// running anything.
  void place_all_orders() {
    auto meta = ask<broker::topic_metadata>(
      brk, broker::topic_metadata_request{shop::topics::cart_commands});
    ASSERT_TRUE(meta);
    customers.learn(*meta);
    shop::customer_generator gen{params};
    std::vector<events::envelope> batch;
    auto flush = [&] {
      if (batch.empty())
        return;
      commands += batch.size();
      auto req = customers.prepare(shop::topics::cart_commands,
                                   std::move(batch));
      ASSERT_TRUE(req);
      caf::anon_send(brk, std::move(*req));
      batch.clear();
    };
    while (auto cmd = gen.next()) {
      events::envelope ev;
      ev.id = events::make_event_id();
      ev.key = shop::order_id_of(*cmd);
      ev.type = shop::type_name_of(*cmd);
      ev.correlation_id = ev.key;
      ev.time = caf::make_timestamp();
      ev.payload = shop::encode_shop_event(*cmd);
      batch.push_back(std::move(ev));
      if (batch.size() == 64)
        flush();
    }
    flush();
    orders = gen.orders_placed();
  }

  uint64_t handled_by(const std::string& service) {
    return services.counters.at(service)->handled;
  }

  /// Own events sent: acknowledged, or in doubt (sent by a killed instance).
  uint64_t sent_by(const std::string& service) {
    auto& c = *services.counters.at(service);
    return c.published + c.in_doubt_ids().size();
  }

  /// Kills the services whose kill point is due.
  void fire(const std::vector<kill_point>& plan, std::vector<bool>& fired) {
    for (size_t i = 0; i < plan.size(); ++i) {
      auto& svc = plan[i].service;
      if (fired[i] || handled_by(svc) < plan[i].after
          || sent_by(svc) < plan[i].sent)
        continue;
      // Only a running instance not killed yet: a killed instance runs
      // on until it reads the exit message.
      auto info = dir->info(svc);
      if (!info || info->status != supervision::child_status::running
          || killed[svc].count(info->instance) != 0)
        continue;
      if (auto instance = dir->kill(svc)) {
        fired[i] = true;
        killed[svc].insert(*instance);
      }
    }
  }

  /// Notices in the log (durable), over all partitions.
  uint64_t notices_in_log() {
    uint64_t total = 0;
    for (int32_t p = 0; p < opts.default_partitions; ++p) {
      auto res = ask<broker::fetch_result>(
        brk, broker::read_request{shop::topics::notifications, p, 0, 0});
      if (res)
        total += static_cast<uint64_t>(res->end_offset);
    }
    return total;
  }

  /// Runs message by message (simulated time moves 1ms whenever nothing is
  /// runnable) until every order has its notice and every kill point has
  /// fired. Gives up after `limit` of simulated time.
  void drive(std::vector<kill_point> plan,
             caf::timespan limit = std::chrono::seconds{60}) {
    caf::timespan elapsed{0};
    std::vector<bool> fired(plan.size(), false);
    auto all_fired = [&] {
      return std::find(fired.begin(), fired.end(), false) == fired.end();
    };
    for (;;) {
      if (sched.try_run_once()) {
        fire(plan, fired);
        continue;
      }
      // Idle: done once every order has its notice in the log.
      if (all_fired() && notices_in_log() >= orders)
        break;
      if (elapsed >= limit) {
        ADD_FAILURE() << "orders still open after "
                      << std::chrono::duration_cast<std::chrono::seconds>(
                           limit).count()
                      << "s of simulated time";
        break;
      }
      sched.advance_time(std::chrono::milliseconds{1});
      elapsed += std::chrono::milliseconds{1};
    }
    // Let the last acks and commits through.
    for (int i = 0; i < 20; ++i)
      advance(std::chrono::milliseconds{50});
    for (size_t i = 0; i < plan.size(); ++i)
      EXPECT_TRUE(fired[i]) << "kill " << i << " of " << plan[i].service
                            << " never fired";
  }

  /// Stops the services, reads the log and runs shop-sim's audit on it.
  shop::shop_summary audit() {
    caf::anon_send_exit(services.supervisor, caf::exit_reason::user_shutdown);
    run();
    advance(std::chrono::seconds{6});
    services.supervisor = caf::actor{};
    std::map<std::string, std::vector<events::envelope>> logs;
    for (auto topic : shop::topics::all) {
      auto& out = logs[topic];
      for (int32_t p = 0; p < opts.default_partitions; ++p) {
        auto res = ask<broker::fetch_result>(
          brk, broker::read_request{topic, p, 0, 1000000});
        EXPECT_TRUE(res) << topic;
        if (res)
          out.insert(out.end(), res->events.begin(), res->events.end());
      }
    }
    shop::audit_input in;
    in.params = params;
    in.orders_placed = orders;
    in.commands_published = commands;
    in.counters = services.counters;
    for (auto& child : dir->snapshot().children)
      if (child.parent == "shop")
        in.restarts[child.name].restarts = child.restarts;
    for (auto& [name, ids] : killed)
      in.restarts[name].kills = ids.size();
    auto summary = shop::audit_logs(logs, in);
    EXPECT_TRUE(summary) << render(summary.error());
    return summary ? *summary : shop::shop_summary{};
  }

  /// Every invariant passed; prints the ones that did not.
  static void expect_invariants(const shop::shop_summary& s) {
    EXPECT_EQ(s.invariants.size(), 6u);
    for (auto& inv : s.invariants)
      EXPECT_TRUE(inv.passed) << inv.name << ": " << inv.detail;
  }

  shop::sim_params params;
  caf::actor brk;
  shop::shop_services services;
  std::shared_ptr<supervision::actor_directory> dir
    = std::make_shared<supervision::actor_directory>();
  broker::typed_producer customers{"customers"};
  uint64_t orders = 0;
  uint64_t commands = 0;
  std::map<std::string, std::set<uint64_t>> killed;
  std::vector<std::string> lines;
};

} // namespace actorbus::test
