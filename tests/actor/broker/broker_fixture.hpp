#pragma once

#include <vector>

#include "caf/event_based_actor.hpp"

#include "actors/broker/broker_actor.hpp"
#include "actors/broker/consume_messages.hpp"
#include "actors/broker/publish_messages.hpp"
#include "actors/broker/status_messages.hpp"
#include "runtime/log/fault_injecting_file_system.hpp"
#include "tests/support/actor_fixture.hpp"

namespace actorbus::test {

/// A member that records every delivery and acks only when told to.
struct recorder_state {
  std::vector<broker::delivery> got;
  caf::actor coordinator;
  static inline const char* name = "recorder";
};

using ack_all_atom = caf::atom_constant<caf::atom("ackall")>;

inline caf::behavior recorder(caf::stateful_actor<recorder_state>* self,
                              bool auto_ack) {
  return {
    [=](broker::delivery_batch& b) {
      self->state.coordinator = b.coordinator;
      std::vector<broker::event_ref> refs;
      for (auto& d : b.deliveries) {
        self->state.got.push_back(d);
        refs.push_back({d.event.partition, d.event.offset});
      }
      if (auto_ack)
        self->send(b.coordinator,
                   broker::ack_msg{caf::actor_cast<caf::actor>(self), refs});
    },
    [=](ack_all_atom, std::vector<broker::event_ref> refs) {
      self->send(self->state.coordinator,
                 broker::ack_msg{caf::actor_cast<caf::actor>(self), refs});
    },
  };
}

/// The (partition, offset) of each delivery, in order.
inline std::vector<broker::event_ref>
refs_of(const std::vector<broker::delivery>& ds) {
  std::vector<broker::event_ref> result;
  for (auto& d : ds)
    result.push_back({d.event.partition, d.event.offset});
  return result;
}

/// A deterministic broker on an in-memory file system.
class broker_fixture : public actor_fixture {
protected:
  broker_fixture() {
    opts.default_partitions = 2;
    opts.durability = "always";
    opts.credit_window = 100;
    opts.ack_timeout = std::chrono::seconds{10};
    opts.max_attempts = 3;
    opts.max_payload_bytes = 1024;
  }

  caf::actor start_broker() {
    broker::broker_config cfg;
    cfg.options = opts;
    cfg.topics = topics;
    cfg.data_dir = "/data";
    cfg.fs = &fs;
    cfg.detached_io = false;
    cfg.offsets_flush_delay = caf::timespan{0};
    cfg.clk = &clk;
    auto b = broker::spawn_broker(sys, cfg);
    run();
    return b;
  }

  void stop_broker(const caf::actor& b) {
    caf::anon_send_exit(b, caf::exit_reason::user_shutdown);
    run();
  }

  template <class Result, class Request>
  caf::expected<Result> ask(const caf::actor& dest, Request req) {
    auto rh = self->request(dest, caf::infinite, std::move(req));
    run();
    caf::expected<Result> result{caf::make_error(errc::timeout, "no reply")};
    // Receiving without a queued reply would block forever.
    if (self->mailbox().empty()) {
      ADD_FAILURE() << "no reply after running every pending message";
      return result;
    }
    rh.receive([&](Result& x) { result = std::move(x); },
               [&](caf::error& err) { result = std::move(err); });
    return result;
  }

  static events::envelope event(std::string key, std::string body = "x",
                                std::string type = "test") {
    events::envelope ev;
    ev.key = std::move(key);
    ev.type = std::move(type);
    ev.payload.assign(body.begin(), body.end());
    return ev;
  }

  caf::expected<broker::publish_result>
  publish(const caf::actor& b, const std::string& topic,
          std::vector<events::envelope> evs) {
    return ask<broker::publish_result>(b, broker::publish_request{topic, evs});
  }

  caf::actor join(const caf::actor& b, const caf::actor& member,
                  const std::string& group, int64_t credit = 0,
                  broker::start_position start = {},
                  std::vector<std::string> types = {}) {
    auto res = ask<broker::join_result>(
      b, broker::join_request{group, "orders", member, credit, start,
                              std::move(types)});
    EXPECT_TRUE(res) << render(res.error());
    return res ? res->coordinator : caf::actor{};
  }

  std::vector<broker::delivery>& got(const caf::actor& member) {
    return state_of<recorder_state>(member).got;
  }

  broker_options opts;
  std::vector<broker::topic_config> topics;
  log::fault_injecting_file_system fs;
  manual_clock clk;
};

} // namespace actorbus::test
