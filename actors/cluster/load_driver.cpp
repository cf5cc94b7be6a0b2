#include "actors/cluster/load_driver.hpp"

#include <map>

#include "actors/broker/publish_messages.hpp"
#include "actors/shop/service_actor.hpp"
#include "actors/shop/shop_run.hpp"
#include "runtime/shop/shop_codec.hpp"
#include "runtime/shop/shop_topics.hpp"

namespace actorbus::cluster {

namespace {

template <class T>
caf::expected<T> ask(caf::scoped_actor& self, const caf::actor& whom,
                     caf::timespan timeout, caf::message msg) {
  caf::expected<T> result = caf::make_error(errc::timeout, "no answer");
  self->request(whom, timeout, std::move(msg))
    .receive([&](T& x) { result = std::move(x); },
             [&](caf::error& err) { result = std::move(err); });
  return result;
}

events::envelope to_envelope(const shop::shop_event& cmd) {
  events::envelope ev;
  ev.id = events::make_event_id();
  ev.key = shop::order_id_of(cmd);
  ev.type = shop::type_name_of(cmd);
  ev.correlation_id = ev.key;
  ev.time = caf::make_timestamp();
  ev.payload = shop::encode_shop_event(cmd);
  return ev;
}

} // namespace

load_driver::load_driver(broker_session& session,
                         const shop::sim_params& params, uint64_t max_orders,
                         caf::timespan request_timeout)
  : session_(session),
    gen_(params),
    producer_("customers"),
    max_orders_(max_orders),
    timeout_(request_timeout) {
  // nop
}

caf::error load_driver::prepare_batch(caf::scoped_actor& self,
                                      const caf::actor& broker, size_t batch) {
  if (!producer_.knows(shop::topics::cart_commands)) {
    auto meta = ask<broker::topic_metadata>(
      self, broker, timeout_,
      caf::make_message(
        broker::topic_metadata_request{shop::topics::cart_commands}));
    if (!meta)
      return std::move(meta.error());
    producer_.learn(*meta);
  }
  std::vector<events::envelope> evs;
  uint64_t orders = 0;
  while (evs.size() < batch && !done_) {
    auto cmd = gen_.next();
    if (!cmd || orders_ + orders >= max_orders_) {
      done_ = true;
      break;
    }
    if (std::holds_alternative<shop::check_out>(*cmd))
      ++orders;
    evs.push_back(to_envelope(*cmd));
  }
  if (evs.empty())
    return caf::none;
  auto req = producer_.prepare(shop::topics::cart_commands, std::move(evs));
  if (!req)
    return std::move(req.error());
  pending_ = std::move(*req);
  pending_orders_ = orders;
  return caf::none;
}

caf::error
load_driver::publish_next(caf::scoped_actor& self, size_t batch,
                          std::chrono::steady_clock::time_point deadline) {
  auto res = with_broker(
    self, session_, deadline,
    [&](const caf::actor& brk) -> caf::expected<broker::publish_result> {
      if (!pending_)
        if (auto err = prepare_batch(self, brk, batch))
          return err;
      if (!pending_)
        return broker::publish_result{};
      return ask<broker::publish_result>(self, brk, timeout_,
                                         caf::make_message(*pending_));
    });
  if (!res)
    return std::move(res.error());
  if (!pending_)
    return caf::none;
  auto& evs = pending_->events;
  for (size_t i = 0; i < evs.size() && i < res->offsets.size(); ++i)
    if (res->offsets[i] >= 0)
      acked_.push_back(acked_event{res->partitions[i], res->offsets[i],
                                   shop::event_id_text(evs[i].id)});
  orders_ += pending_orders_;
  published_ += evs.size();
  pending_.reset();
  pending_orders_ = 0;
  return caf::none;
}

caf::expected<shop::invariant_result>
check_acked(caf::scoped_actor& self, const caf::actor& broker,
            const std::vector<acked_event>& acked, caf::timespan timeout) {
  auto log = shop::read_topic(self, broker, shop::topics::cart_commands,
                              timeout);
  if (!log)
    return std::move(log.error());
  std::map<std::pair<int32_t, int64_t>, std::string> stored;
  for (auto& env : *log)
    stored[{env.partition, env.offset}] = shop::event_id_text(env.id);
  shop::invariant_result out;
  out.name = "every acknowledged command is in the log";
  size_t present = 0;
  for (auto& a : acked) {
    auto i = stored.find({a.partition, a.offset});
    if (i != stored.end() && i->second == a.id) {
      ++present;
    } else if (out.detail.empty()) {
      out.detail = "missing: cart-commands/" + std::to_string(a.partition)
                   + "@" + std::to_string(a.offset) + " id " + a.id + "; ";
    }
  }
  out.passed = present == acked.size();
  out.detail += std::to_string(present) + " of " + std::to_string(acked.size())
                + " acknowledged commands";
  return out;
}

} // namespace actorbus::cluster
