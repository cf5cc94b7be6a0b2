#include "actors/shop/service_actor.hpp"

#include <random>
#include <stdexcept>

#include "runtime/errc.hpp"
#include "runtime/shop/shop_codec.hpp"

namespace actorbus::shop {

std::string event_id_text(const boost::uuids::uuid& id) {
  return consumer::id_text(id);
}

void service_counters::acked(const std::vector<events::envelope>& evs) {
  published += evs.size();
  std::lock_guard<std::mutex> guard{mtx_};
  for (auto& ev : evs)
    ++by_type_[ev.type];
}

void service_counters::in_doubt(const std::vector<events::envelope>& evs) {
  std::lock_guard<std::mutex> guard{mtx_};
  for (auto& ev : evs)
    in_doubt_.push_back(ev.id);
}

std::vector<boost::uuids::uuid> service_counters::in_doubt_ids() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return in_doubt_;
}

uint64_t service_counters::count_of(const std::string& type) const {
  std::lock_guard<std::mutex> guard{mtx_};
  auto i = by_type_.find(type);
  return i == by_type_.end() ? 0 : i->second;
}

namespace {

/// service_state behind the generic consumer: decodes shop events, injects
/// chaos crashes and turns `outgoing` into the effect to publish.
class shop_logic : public consumer::consumer_logic {
public:
  shop_logic(const service_actor_config& cfg, uint64_t instance)
    : svc(service_state::make(cfg.id, cfg.params)),
      id_(cfg.id),
      crash_rate_(cfg.crash_rate),
      counters_(cfg.counters) {
    rng_.seed(cfg.seed ^ instance);
  }

  caf::error apply_own(const events::envelope& own) override {
    auto ev = decode_shop_event(own.type, own.payload);
    if (!ev)
      return std::move(ev.error());
    svc.apply_own(*ev, own.causation_id);
    return caf::none;
  }

  caf::expected<std::optional<consumer::effect>>
  handle(const events::envelope& in, int32_t attempt) override {
    auto ev = decode_shop_event(in.type, in.payload);
    if (!ev) // Not a shop event: nothing to apply; acked so it cannot block.
      return std::optional<consumer::effect>{};
    // Chaos crashes only hit first deliveries, so a redelivered event always
    // gets through and every crash is followed by progress.
    if (crash_rate_ > 0.0 && attempt == 1
        && std::uniform_real_distribution<double>{0.0, 1.0}(rng_)
             < crash_rate_) {
      ++counters_->crashes;
      throw std::runtime_error(std::string{"chaos: injected crash in "}
                               + name_of(id_) + " handler");
    }
    auto out = svc.handle(*ev, event_id_text(in.id));
    ++counters_->handled;
    if (!out)
      return std::optional<consumer::effect>{};
    if (out->topic != output_of(id_))
      return caf::make_error(errc::invalid_argument,
                             "shop event for a foreign topic", out->topic);
    consumer::effect eff;
    eff.event.key = out->key;
    eff.event.type = type_name_of(out->event);
    eff.event.correlation_id = out->headers.correlation_id;
    eff.event.payload = encode_shop_event(out->event);
    eff.delay = out->delay;
    return std::optional<consumer::effect>{std::move(eff)};
  }

  service_state svc;

private:
  service_id id_;
  double crash_rate_;
  std::shared_ptr<service_counters> counters_;
  std::mt19937_64 rng_;
};

/// Forwards the generic consumer's hooks to the app's service_counters.
class shop_observer : public consumer::consumer_observer {
public:
  explicit shop_observer(std::shared_ptr<service_counters> counters)
    : counters_(std::move(counters)) {
    // nop
  }

  void rebuilt(const events::envelope&) override {
    ++counters_->rebuilt_events;
  }

  void redelivered(const broker::delivery&) override {
    ++counters_->redelivered;
  }

  void duplicate(const events::envelope&) override {
    ++counters_->duplicates;
  }

  void published(const std::vector<events::envelope>& evs) override {
    counters_->acked(evs);
  }

  void unanswered(const std::vector<events::envelope>& evs) override {
    counters_->in_doubt(evs);
  }

private:
  std::shared_ptr<service_counters> counters_;
};

} // namespace

const service_state& service_state_of(const service_actor_state& st) {
  return dynamic_cast<const shop_logic&>(*st.logic).svc;
}

caf::behavior service_actor(caf::stateful_actor<service_actor_state>* self,
                            service_actor_config cfg) {
  consumer::resumable_config rc;
  rc.name = name_of(cfg.id);
  rc.broker = cfg.broker;
  rc.group = name_of(cfg.id);
  rc.inputs = inputs_of(cfg.id);
  for (auto& topic : rc.inputs)
    rc.input_types[topic] = types_taken(cfg.id, topic);
  rc.output = output_of(cfg.id);
  rc.credit = cfg.credit;
  rc.request_timeout = cfg.request_timeout;
  rc.observer = std::make_shared<shop_observer>(cfg.counters);
  rc.make_logic = [cfg](uint64_t instance) {
    return std::make_unique<shop_logic>(cfg, instance);
  };
  return consumer::resumable_consumer(self, std::move(rc));
}

} // namespace actorbus::shop
