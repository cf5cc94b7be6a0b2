#include "actors/shop/shop_run.hpp"

#include <unordered_set>

#include "actors/broker/partition_messages.hpp"
#include "actors/broker/publish_messages.hpp"
#include "actors/broker/read_messages.hpp"
#include "runtime/errc.hpp"
#include "runtime/events/event_id_set.hpp"
#include "runtime/shop/invariants.hpp"
#include "runtime/shop/latency_recorder.hpp"
#include "runtime/shop/service_state.hpp"
#include "runtime/shop/shop_codec.hpp"
#include "runtime/shop/shop_flow.hpp"
#include "runtime/shop/shop_topics.hpp"

namespace actorbus::shop {

namespace {

template <class T>
caf::expected<T> ask(caf::scoped_actor& self, const caf::actor& broker,
                     caf::timespan timeout, caf::message msg) {
  caf::expected<T> result = caf::make_error(errc::timeout, "no answer");
  self->request(broker, timeout, std::move(msg))
    .receive([&](T& x) { result = std::move(x); },
             [&](caf::error& err) { result = std::move(err); });
  return result;
}

caf::expected<int32_t> partitions_of(caf::scoped_actor& self,
                                     const caf::actor& broker,
                                     const std::string& topic,
                                     caf::timespan timeout) {
  auto meta = ask<broker::topic_metadata>(
    self, broker, timeout,
    caf::make_message(broker::topic_metadata_request{topic}));
  if (!meta)
    return std::move(meta.error());
  return meta->partitions;
}

latency_recorder::time_point steady(caf::timestamp t) {
  return latency_recorder::time_point{
    std::chrono::duration_cast<latency_recorder::duration>(
      t.time_since_epoch())};
}

} // namespace

caf::expected<std::vector<events::envelope>>
read_topic(caf::scoped_actor& self, const caf::actor& broker,
           const std::string& topic, caf::timespan timeout) {
  auto parts = partitions_of(self, broker, topic, timeout);
  if (!parts)
    return std::move(parts.error());
  std::vector<events::envelope> out;
  for (int32_t p = 0; p < *parts; ++p) {
    int64_t from = 0;
    for (;;) {
      auto res = ask<broker::fetch_result>(
        self, broker, timeout,
        caf::make_message(broker::read_request{topic, p, from, 4096}));
      if (!res)
        return std::move(res.error());
      for (auto& ev : res->events)
        out.push_back(std::move(ev));
      if (!out.empty() && out.back().partition == p)
        from = out.back().offset + 1;
      if (res->events.empty() || from >= res->end_offset)
        break;
    }
  }
  return out;
}

caf::expected<uint64_t> topic_end(caf::scoped_actor& self,
                                  const caf::actor& broker,
                                  const std::string& topic,
                                  caf::timespan timeout) {
  auto parts = partitions_of(self, broker, topic, timeout);
  if (!parts)
    return std::move(parts.error());
  uint64_t total = 0;
  for (int32_t p = 0; p < *parts; ++p) {
    auto res = ask<broker::fetch_result>(
      self, broker, timeout,
      caf::make_message(broker::read_request{topic, p, 0, 0}));
    if (!res)
      return std::move(res.error());
    total += static_cast<uint64_t>(res->end_offset);
  }
  return total;
}

customer_driver::customer_driver(caf::actor broker, const sim_params& params,
                                 uint64_t max_orders, caf::timespan timeout)
  : broker_(std::move(broker)),
    gen_(params),
    producer_("customers"),
    max_orders_(max_orders),
    timeout_(timeout) {
  // nop
}

caf::error customer_driver::publish_next(caf::scoped_actor& self,
                                         size_t batch) {
  if (!producer_.knows(topics::cart_commands)) {
    auto meta = ask<broker::topic_metadata>(
      self, broker_, timeout_,
      caf::make_message(broker::topic_metadata_request{topics::cart_commands}));
    if (!meta)
      return std::move(meta.error());
    producer_.learn(*meta);
  }
  std::vector<events::envelope> evs;
  evs.reserve(batch);
  while (evs.size() < batch && !done_) {
    auto cmd = gen_.next();
    if (!cmd || orders_ >= max_orders_) {
      done_ = true;
      break;
    }
    if (std::holds_alternative<check_out>(*cmd))
      ++orders_;
    events::envelope ev;
    ev.id = events::make_event_id();
    ev.key = order_id_of(*cmd);
    ev.type = type_name_of(*cmd);
    ev.correlation_id = ev.key;
    ev.time = caf::make_timestamp();
    ev.payload = encode_shop_event(*cmd);
    evs.push_back(std::move(ev));
  }
  if (evs.empty())
    return caf::none;
  auto n = evs.size();
  auto req = producer_.prepare(topics::cart_commands, std::move(evs));
  if (!req)
    return std::move(req.error());
  for (int attempt = 1;; ++attempt) {
    auto res = ask<broker::publish_result>(self, broker_, timeout_,
                                           caf::make_message(*req));
    if (res) {
      published_ += n;
      return caf::none;
    }
    auto code = code_of(res.error());
    if (attempt >= 5 || (code != errc::none && !is_retryable(code)))
      return std::move(res.error());
  }
}

caf::expected<shop_summary> audit_shop(caf::scoped_actor& self,
                                       const caf::actor& broker,
                                       const audit_input& in,
                                       caf::timespan timeout) {
  std::map<std::string, std::vector<events::envelope>> logs;
  for (auto topic : topics::all) {
    auto evs = read_topic(self, broker, topic, timeout);
    if (!evs)
      return std::move(evs.error());
    logs[topic] = std::move(*evs);
  }
  return audit_logs(logs, in);
}

caf::expected<shop_summary>
audit_logs(std::map<std::string, std::vector<events::envelope>>& logs,
           const audit_input& in) {
  // Rebuild every service from its own topic, as a restart would.
  std::map<service_id, service_state> states;
  for (auto id : all_services) {
    auto st = service_state::make(id, in.params);
    for (auto& env : logs[output_of(id)]) {
      auto ev = decode_shop_event(env.type, env.payload);
      if (!ev)
        return std::move(ev.error());
      st.apply_own(*ev, env.causation_id);
    }
    states.emplace(id, std::move(st));
  }
  latency_recorder lat;
  for (auto& env : logs[topics::cart_commands])
    if (env.type == type_name_of(shop_event{check_out{}}))
      lat.start(env.key, steady(env.time));
  for (auto& env : logs[topics::orders]) {
    auto ev = decode_shop_event(env.type, env.payload);
    if (ev
        && (std::holds_alternative<order_confirmed>(*ev)
            || std::holds_alternative<order_cancelled>(*ev)))
      lat.finish(env.key, steady(env.time));
  }
  auto& orders = states.at(service_id::order).as<order_state>();
  auto summary = summarize(orders, in.orders_placed, lat);
  // Published per topic: events stored before this run, the customers'
  // acknowledged commands, and each service's acknowledged events plus the
  // in-doubt ones (sent by a killed instance) that did land.
  shop_view view{orders,
                 states.at(service_id::payment).as<payment_state>(),
                 states.at(service_id::inventory).as<inventory_state>(),
                 states.at(service_id::notification).as<notification_state>(),
                 in.orders_placed,
                 {}};
  for (auto& [topic, evs] : logs) {
    events::event_id_set ids;
    for (auto& env : evs)
      ids.insert(env.id);
    auto base = in.baseline.count(topic) ? in.baseline.at(topic) : 0;
    uint64_t published = base;
    if (topic == topics::cart_commands) {
      published = std::max<uint64_t>(base, in.commands_published);
    } else if (in.count_by_causation) {
      std::unordered_set<std::string> causes;
      for (auto& env : evs)
        causes.insert(env.causation_id);
      published = causes.size();
    } else {
      for (auto id : all_services) {
        auto i = in.counters.find(name_of(id));
        if (output_of(id) != topic || i == in.counters.end())
          continue;
        // An acknowledged event that is missing makes the count too high.
        published += i->second->acked_count();
        for (auto& doubt : i->second->in_doubt_ids())
          published += ids.contains(doubt) ? 1 : 0;
      }
    }
    view.topics[topic] = topic_count{published, evs.size()};
    summary.events_per_topic[topic] = evs.size();
  }
  summary.invariants = check_invariants(view);
  summary.elapsed = in.elapsed;
  summary.restarts = in.restarts;
  return summary;
}

} // namespace actorbus::shop
