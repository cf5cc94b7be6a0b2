#pragma once

// Broker + supervisor + resumable consumers on the deterministic scheduler,
// with a small event-sourced domain: deposits (input topic "deposits") are
// credited to accounts by a "ledger" consumer that writes "ledger".

#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "actors/broker/read_messages.hpp"
#include "actors/consumer/resumable_consumer.hpp"
#include "actors/consumer/typed_logic.hpp"
#include "actors/supervisor/actor_directory.hpp"
#include "actors/supervisor/supervisor_actor.hpp"
#include "runtime/logging/logger.hpp"
#include "tests/actor/broker/broker_fixture.hpp"

namespace actorbus::test {

struct deposit {
  static constexpr const char* event_type = "test.Deposit";
  std::string account;
  int64_t amount = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, deposit& x) {
  return f(caf::meta::type_name("test.Deposit"), x.account, x.amount);
}

struct credited {
  static constexpr const char* event_type = "test.Credited";
  std::string account;
  int64_t amount = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, credited& x) {
  return f(caf::meta::type_name("test.Credited"), x.account, x.amount);
}

/// The ledger's state: balances, and how often each deposit (by its event
/// id) was credited; a double effect shows up as a count of 2.
struct ledger {
  std::map<std::string, int64_t> balance;
  std::map<std::string, int> credits_of;

  friend bool operator==(const ledger& x, const ledger& y) {
    return x.balance == y.balance && x.credits_of == y.credits_of;
  }
};

using ledger_logic = consumer::typed_logic<ledger>;

/// Deposits to the account "poison" make the handler throw.
inline std::unique_ptr<ledger_logic> make_ledger_logic() {
  auto logic = std::make_unique<ledger_logic>();
  logic
    ->on<deposit>([](const ledger&, const deposit& x, const events::envelope&)
                    -> std::optional<consumer::effect> {
      if (x.account == "poison")
        throw std::runtime_error("poison deposit");
      return consumer::make_effect(x.account, credited{x.account, x.amount});
    })
    .on_own<credited>(
      [](ledger& st, const credited& x, const events::envelope& own) {
        st.balance[x.account] += x.amount;
        ++st.credits_of[own.causation_id];
      });
  return logic;
}

/// Counts over every instance of one consumer.
struct counting_observer : consumer::consumer_observer {
  void redelivered(const broker::delivery& d) override {
    ++redeliveries;
    max_attempt = std::max(max_attempt, d.attempt);
  }
  void duplicate(const events::envelope&) override { ++duplicates; }
  void handled(const events::envelope&) override { ++handled_count; }
  void rebuilt(const events::envelope&) override { ++rebuilt_count; }

  uint64_t redeliveries = 0;
  int32_t max_attempt = 1;
  uint64_t duplicates = 0;
  uint64_t handled_count = 0;
  uint64_t rebuilt_count = 0;
};

class consumer_fixture : public broker_fixture {
protected:
  consumer_fixture() {
    logging::default_logger().set_sink(
      [this](std::string_view line) { lines.emplace_back(line); });
    auto base = broker::topic_table::defaults_from(opts);
    EXPECT_TRUE(base);
    for (auto name : {"deposits", "ledger"}) {
      auto t = *base;
      t.name = name;
      t.partitions = 2;
      topics.push_back(t);
    }
  }

  ~consumer_fixture() override {
    for (auto& root : roots)
      caf::anon_send_exit(root, caf::exit_reason::user_shutdown);
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

  consumer::resumable_config ledger_config(
    std::string name = "ledger", int64_t credit = 8) {
    consumer::resumable_config rc;
    rc.name = std::move(name);
    rc.broker = brk;
    rc.group = "ledger";
    rc.inputs = {"deposits"};
    rc.output = "ledger";
    rc.credit = credit;
    rc.observer = observer;
    rc.make_logic = [](uint64_t) { return make_ledger_logic(); };
    return rc;
  }

  /// A root supervisor "sup-<child>" running one consumer child.
  caf::actor supervise(const consumer::resumable_config& rc,
                       size_t max_restarts = 1000) {
    supervision::supervisor_config cfg;
    cfg.name = "sup-" + rc.name;
    cfg.intensity
      = supervision::intensity_policy{max_restarts, std::chrono::seconds{10}};
    cfg.backoff.min = std::chrono::milliseconds{1};
    cfg.backoff.max = std::chrono::milliseconds{10};
    cfg.backoff.jitter = 0.0;
    cfg.seed = 1;
    supervision::child_spec child{
      rc.name, supervision::restart_type::permanent,
      [rc](caf::actor_system& s) {
        return s.spawn(consumer::resumable_consumer, rc);
      }};
    auto sup = supervision::spawn_supervisor(sys, std::move(cfg), {child}, dir);
    EXPECT_TRUE(sup) << render(sup.error());
    if (sup)
      roots.push_back(*sup);
    return sup ? *sup : caf::actor{};
  }

  /// Deposits `n` events (accounts a0..a6, amounts 1..n) without running:
  /// the publish is only queued at the broker. Returns the inputs' ids.
  std::vector<std::string> deposit_many(int n) {
    if (!producer.knows("deposits")) {
      auto meta = ask<broker::topic_metadata>(
        brk, broker::topic_metadata_request{"deposits"});
      EXPECT_TRUE(meta);
      producer.learn(*meta);
    }
    std::vector<events::envelope> evs;
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) {
      auto account = "a" + std::to_string(next_amount % 7);
      evs.push_back(broker::make_envelope(account, deposit{account,
                                                           next_amount}));
      expected_balance[account] += next_amount;
      ++next_amount;
      ids.push_back(consumer::id_text(evs.back().id));
    }
    auto req = producer.prepare("deposits", std::move(evs));
    EXPECT_TRUE(req);
    caf::anon_send(brk, std::move(*req));
    deposited.insert(deposited.end(), ids.begin(), ids.end());
    return ids;
  }

  /// Every event of `topic`, including unsynced ones.
  std::vector<events::envelope> read_all(const std::string& topic) {
    std::vector<events::envelope> out;
    for (int32_t p = 0; p < 2; ++p) {
      auto res = ask<broker::fetch_result>(
        brk, broker::read_request{topic, p, 0, 100000, true});
      EXPECT_TRUE(res);
      if (res)
        out.insert(out.end(), res->events.begin(), res->events.end());
    }
    return out;
  }

  /// The ledger folded from the log, as a fresh instance would.
  ledger replayed() {
    auto logic = make_ledger_logic();
    for (auto& ev : read_all("ledger"))
      EXPECT_FALSE(logic->apply_own(ev));
    return logic->state();
  }

  consumer::resumable_state& consumer_state(const std::string& name) {
    auto h = dir->lookup(name);
    EXPECT_TRUE(h) << name;
    return state_of<consumer::resumable_state>(*h);
  }

  const ledger& live_ledger(const std::string& name) {
    return dynamic_cast<ledger_logic&>(*consumer_state(name).logic).state();
  }

  /// Lets backoffs expire and everything pending run.
  void settle() {
    for (int i = 0; i < 20; ++i)
      advance(std::chrono::milliseconds{50});
  }

  /// Asserts that the log holds exactly one credit per deposit made.
  void expect_exactly_once() {
    auto log = replayed();
    EXPECT_EQ(log.credits_of.size(), deposited.size());
    for (auto& id : deposited) {
      auto i = log.credits_of.find(id);
      ASSERT_NE(i, log.credits_of.end()) << "deposit " << id << " lost";
      EXPECT_EQ(i->second, 1) << "deposit " << id << " credited twice";
    }
    EXPECT_EQ(log.balance, expected_balance);
  }

  bool logged(const std::string& needle) const {
    for (auto& line : lines)
      if (line.find(needle) != std::string::npos)
        return true;
    return false;
  }

  caf::actor brk;
  broker::typed_producer producer{"depositor"};
  std::shared_ptr<supervision::actor_directory> dir
    = std::make_shared<supervision::actor_directory>();
  std::shared_ptr<counting_observer> observer
    = std::make_shared<counting_observer>();
  std::vector<caf::actor> roots;
  std::vector<std::string> lines;
  std::vector<std::string> deposited;
  std::map<std::string, int64_t> expected_balance;
  int64_t next_amount = 1;
};

} // namespace actorbus::test
