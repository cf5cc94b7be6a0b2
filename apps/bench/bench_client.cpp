#include "apps/bench/bench_client.hpp"

#include <atomic>
#include <future>
#include <thread>

#include "caf/event_based_actor.hpp"
#include "caf/scoped_actor.hpp"
#include "caf/stateful_actor.hpp"

#include "actors/broker/consume_messages.hpp"
#include "actors/broker/publish_messages.hpp"
#include "apps/bench/peers/src/common.h"

namespace actorbus::bench {

using namespace broker;

client_options client_options::from(const pb::Args& a) {
  client_options c;
  c.mode = a.str("mode", c.mode);
  c.n = static_cast<uint64_t>(a.num("n", 200000));
  c.size = static_cast<size_t>(a.num("size", 256));
  c.pipeline = static_cast<int>(a.num("pipeline", 100));
  c.rate = a.dbl("rate", 10000);
  c.duration = a.dbl("duration", 5);
  c.label = a.str("label", "x");
  c.timeout_s = a.dbl("timeout", 300);
  c.seed = static_cast<uint64_t>(a.num("seed", 42));
  return c;
}

namespace {

using std::chrono::duration_cast;

envelope make_event(const pb::PayloadPool& pool, size_t size, uint64_t seq,
                    const std::string& producer) {
  envelope ev;
  ev.topic = topic_name;
  ev.partition = 0;
  ev.type = "bench.raw";
  ev.producer_id = producer;
  ev.sequence = static_cast<int64_t>(seq);
  ev.payload.resize(size);
  pool.fill(reinterpret_cast<uint8_t*>(ev.payload.data()), seq, pb::now_ns());
  return ev;
}

/// Publishes `n` events in synchronous batches of `pipeline` (send a batch,
/// wait for its durable reply), like the peers' publishers.
void publish_batches(caf::scoped_actor& self, const caf::actor& broker,
                     const client_options& c, const pb::PayloadPool& pool,
                     const std::string& producer, uint64_t deadline) {
  auto timeout = std::chrono::seconds{30};
  for (uint64_t i = 0; i < c.n;) {
    auto b = std::min<uint64_t>(static_cast<uint64_t>(c.pipeline), c.n - i);
    publish_request req;
    req.topic = topic_name;
    req.events.reserve(b);
    for (uint64_t j = 0; j < b; ++j)
      req.events.push_back(make_event(pool, c.size, i + j, producer));
    self->request(broker, timeout, std::move(req))
      .receive(
        [&](const publish_result& res) {
          if (res.offsets.size() != b)
            pb::die("publish reply has the wrong number of offsets");
        },
        [&](caf::error& err) {
          pb::die("publish failed:", caf::to_string(err).c_str());
        });
    i += b;
    if (pb::now_ns() > deadline)
      pb::die("time bound exceeded in", "publish");
  }
}

struct consumer_result {
  uint64_t received = 0;
  uint64_t out_of_order = 0;
  uint64_t batches = 0;
  uint64_t t_end = 0;
  std::vector<uint64_t> latencies;
};

struct consumer_state {
  caf::actor coordinator;
  consumer_result res;
  uint64_t expect = 0;
  bool measure = false;
};

/// Joins group g1 and acks every delivered batch at once with one ack.
caf::behavior consumer(caf::stateful_actor<consumer_state>* self,
                       caf::actor broker, uint64_t expect, int64_t credit,
                       bool measure, std::promise<void>* joined,
                       std::promise<consumer_result>* done) {
  self->state.expect = expect;
  self->state.measure = measure;
  if (measure)
    self->state.res.latencies.reserve(expect);
  join_request req{"g1", topic_name, caf::actor_cast<caf::actor>(self), credit,
                   start_position{}, {}};
  self->request(broker, std::chrono::seconds{30}, std::move(req))
    .then(
      [=](const join_result& jr) {
        self->state.coordinator = jr.coordinator;
        joined->set_value();
      },
      [=](caf::error& err) {
        pb::die("join failed:", caf::to_string(err).c_str());
      });
  return {
    [=](delivery_batch& batch) {
      auto t = pb::now_ns();
      auto& st = self->state;
      ack_msg ack{caf::actor_cast<caf::actor>(self), {}};
      ack.events.reserve(batch.deliveries.size());
      for (auto& d : batch.deliveries) {
        auto& ev = d.event;
        if (ev.payload.size() < pb::kHeader)
          pb::die("bad event payload");
        auto seq = pb::read_u64(ev.payload.data());
        if (seq != st.res.received)
          ++st.res.out_of_order;
        if (st.measure)
          st.res.latencies.push_back(t - pb::read_u64(ev.payload.data() + 8));
        ++st.res.received;
        ack.events.push_back(event_ref{ev.partition, ev.offset});
      }
      ++st.res.batches;
      self->send(batch.coordinator, std::move(ack));
      if (st.res.received >= st.expect) {
        st.res.t_end = pb::now_ns();
        done->set_value(std::move(st.res));
        self->quit();
      }
    },
  };
}

consumer_result wait_for(std::future<consumer_result>& fut, uint64_t deadline,
                         const char* where) {
  auto left = deadline > pb::now_ns() ? deadline - pb::now_ns() : 0;
  if (fut.wait_for(std::chrono::nanoseconds{left}) != std::future_status::ready)
    pb::die("time bound exceeded in", where);
  return fut.get();
}

std::string base_note(const client_options& c) {
  return "size=" + std::to_string(c.size)
         + ";pipeline=" + std::to_string(c.pipeline);
}

int run_publish(caf::actor_system& sys, const caf::actor& broker,
                const client_options& c, const pb::PayloadPool& pool,
                uint64_t deadline) {
  caf::scoped_actor self{sys};
  auto producer = "bench-" + std::to_string(getpid());
  double cpu0 = pb::process_cpu();
  auto t0 = pb::now_ns();
  publish_batches(self, broker, c, pool, producer, deadline);
  auto t1 = pb::now_ns();
  double secs = double(t1 - t0) / 1e9;
  double cpu = pb::process_cpu() - cpu0;
  pb::result(c.peer, "publish_eps_" + c.label, double(c.n) / secs, "events/s",
             base_note(c) + ";n=" + std::to_string(c.n)
               + ";sync_batches;reply_after_durable;client_cpu="
               + pb::fmt("%.2f", cpu / secs) + "cores");
  pb::result(c.peer, "client_cpu_publish_" + c.label, cpu / secs, "cores",
             "producer");
  return 0;
}

int run_e2e(caf::actor_system& sys, const caf::actor& broker,
            const client_options& c, const pb::PayloadPool& pool,
            uint64_t deadline) {
  std::promise<void> joined;
  std::promise<consumer_result> done;
  auto joined_f = joined.get_future();
  auto done_f = done.get_future();
  auto credit = static_cast<int64_t>(c.pipeline) * 10;
  sys.spawn(consumer, broker, c.n, credit, false, &joined, &done);
  joined_f.wait();
  caf::scoped_actor self{sys};
  auto producer = "bench-" + std::to_string(getpid());
  double cpu0 = pb::process_cpu();
  auto t0 = pb::now_ns();
  publish_batches(self, broker, c, pool, producer, deadline);
  auto t_pub = pb::now_ns();
  auto res = wait_for(done_f, deadline, "consume");
  double cpu = pb::process_cpu() - cpu0;
  if (res.received != c.n || res.out_of_order != 0)
    pb::die("consumer saw wrong count/order");
  double secs = double(res.t_end - t0) / 1e9;
  double psecs = double(t_pub - t0) / 1e9;
  pb::result(c.peer, "e2e_eps_" + c.label, double(c.n) / secs, "events/s",
             base_note(c) + ";n=" + std::to_string(c.n)
               + ";ack=one_ack_per_delivered_batch;credit="
               + std::to_string(credit)
               + ";publish_rate_during=" + pb::fmt("%.0f", double(c.n) / psecs)
               + ";delivered_batches=" + std::to_string(res.batches));
  pb::result(c.peer, "client_cpu_e2e_" + c.label, cpu / secs, "cores",
             "producer+consumer_process");
  return 0;
}

int run_latency(caf::actor_system& sys, const caf::actor& broker,
                const client_options& c, const pb::PayloadPool& pool,
                uint64_t deadline) {
  auto total = static_cast<uint64_t>(c.rate * c.duration);
  std::promise<void> joined;
  std::promise<consumer_result> done;
  auto joined_f = joined.get_future();
  auto done_f = done.get_future();
  sys.spawn(consumer, broker, total, int64_t{1000}, true, &joined, &done);
  joined_f.wait();
  auto producer = "bench-" + std::to_string(getpid());
  // Open loop: one publish per event, on schedule, not waiting for replies.
  const double interval = 1e9 / c.rate;
  uint64_t max_behind = 0;
  auto t_start = pb::now_ns() + 2000000;
  for (uint64_t i = 0; i < total; ++i) {
    auto target = t_start + static_cast<uint64_t>(double(i) * interval);
    auto t = pb::now_ns();
    if (t < target)
      pb::sleep_until_ns(target);
    else
      max_behind = std::max(max_behind, t - target);
    publish_request req;
    req.topic = topic_name;
    req.events.push_back(make_event(pool, c.size, i, producer));
    caf::anon_send(broker, std::move(req));
    if (pb::now_ns() > deadline)
      pb::die("time bound exceeded in", "paced publish");
  }
  auto t_last = pb::now_ns();
  auto res = wait_for(done_f, deadline, "latency consume");
  if (res.received != total || res.out_of_order != 0)
    pb::die("consumer saw wrong count/order");
  double span = double(t_last - t_start) / 1e9;
  auto note
    = "rate=" + pb::fmt("%.0f", c.rate)
      + "/s;duration=" + pb::fmt("%.0f", c.duration)
      + "s;samples=" + std::to_string(res.latencies.size())
      + ";achieved_rate=" + pb::fmt("%.0f", double(total) / span)
      + ";producer_max_behind_us=" + pb::fmt("%.0f", double(max_behind) / 1e3)
      + ";one_publish_per_event;push_delivery";
  pb::report_latency(c.peer, c.label, res.latencies, note);
  return 0;
}

} // namespace

int run_client(caf::actor_system& sys, const caf::actor& broker,
               const client_options& c) {
  auto deadline = pb::now_ns() + static_cast<uint64_t>(c.timeout_s * 1e9);
  pb::PayloadPool pool(c.size, c.seed);
  if (c.mode == "publish")
    return run_publish(sys, broker, c, pool, deadline);
  if (c.mode == "e2e")
    return run_e2e(sys, broker, c, pool, deadline);
  if (c.mode == "latency")
    return run_latency(sys, broker, c, pool, deadline);
  pb::die("unknown --mode", c.mode.c_str());
}

} // namespace actorbus::bench
