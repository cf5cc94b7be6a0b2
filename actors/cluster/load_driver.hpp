#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "caf/scoped_actor.hpp"

#include "actors/broker/typed_producer.hpp"
#include "actors/cluster/broker_session.hpp"
#include "runtime/errc.hpp"
#include "runtime/shop/customer_generator.hpp"
#include "runtime/shop/invariants.hpp"

namespace actorbus::cluster {

/// Runs `f(broker)` (returning caf::expected<T>) against the session's
/// broker, reconnecting and retrying after a timeout or any other error that
/// may go away (broker restarting, connection lost) until `deadline`.
/// Blocking; for plain threads.
template <class F>
auto with_broker(caf::scoped_actor& self, broker_session& session,
                 std::chrono::steady_clock::time_point deadline, F f)
  -> decltype(f(std::declval<const caf::actor&>())) {
  for (;;) {
    auto brk = session.broker(self, deadline);
    if (!brk)
      return std::move(brk.error());
    auto res = f(*brk);
    if (res)
      return res;
    auto code = code_of(res.error());
    if ((code != errc::none && !is_retryable(code))
        || std::chrono::steady_clock::now() > deadline)
      return res;
    session.lost(res.error());
  }
}

/// Where an acknowledged event landed.
struct acked_event {
  int32_t partition = 0;
  int64_t offset = 0;
  std::string id;
};

/// shop-load's customers: publishes the seeded command stream to
/// `cart-commands` through a broker_session. The producer id is fixed and
/// each batch is prepared ONCE: after a timeout or a lost broker the very
/// same request (same sequence numbers) is sent again, to the restarted
/// broker if need be, so the broker stores each command once and answers a
/// repeat with the original offsets. Every acknowledged command is recorded
/// for `check_acked`.
class load_driver {
public:
  load_driver(broker_session& session, const shop::sim_params& params,
              uint64_t max_orders, caf::timespan request_timeout);

  /// Publishes the next `batch` commands (or resends the unacknowledged
  /// batch) and blocks until they are durable; gives up at `deadline`.
  caf::error publish_next(caf::scoped_actor& self, size_t batch,
                          std::chrono::steady_clock::time_point deadline);

  bool done() const noexcept { return done_ && !pending_; }
  uint64_t orders_placed() const noexcept { return orders_; }
  uint64_t published() const noexcept { return published_; }
  const std::vector<acked_event>& acked() const noexcept { return acked_; }

private:
  caf::error prepare_batch(caf::scoped_actor& self, const caf::actor& broker,
                           size_t batch);

  broker_session& session_;
  shop::customer_generator gen_;
  broker::typed_producer producer_;
  uint64_t max_orders_;
  caf::timespan timeout_;
  std::optional<broker::publish_request> pending_;
  uint64_t pending_orders_ = 0;
  uint64_t orders_ = 0;
  uint64_t published_ = 0;
  bool done_ = false;
  std::vector<acked_event> acked_;
};

/// The invariant "every acknowledged command is in the log": reads
/// `cart-commands` and checks that each acknowledged (partition, offset)
/// holds the event with the acknowledged id.
caf::expected<shop::invariant_result>
check_acked(caf::scoped_actor& self, const caf::actor& broker,
            const std::vector<acked_event>& acked, caf::timespan timeout);

} // namespace actorbus::cluster
