#include "shop_bus.hpp"

#include <algorithm>

#include <boost/crc.hpp>

namespace actorbus::shop::testing {

namespace {

struct cursor {
  size_t next = 0;
  size_t committed = 0;
};

using partitions = std::vector<std::vector<record>>;

} // namespace

struct shop_bus::impl {
  sim_params params;
  bus_options opts;
  std::mt19937_64 rng;
  customer_generator gen;
  std::map<std::string, partitions> logs;
  std::map<std::string, uint64_t> published;
  uint64_t next_id = 0;
  std::map<service, service_state> live;
  std::map<service, std::map<std::pair<std::string, size_t>, cursor>> cursors;
  std::map<service, std::vector<record>> dups;
  std::map<service, uint64_t> kills;
  uint64_t deliveries = 0;
  uint64_t duplicates_delivered = 0;
  uint64_t duplicate_outputs = 0;
  bool generator_done = false;

  impl(const sim_params& p, bus_options o)
    : params(p), opts(o), rng(o.seed), gen(p) {
    for (auto s : all_services)
      live.emplace(s, service_state::make(s, p));
    for (const auto& t : topics::all)
      logs[t].resize(opts.partitions);
    for (auto s : all_services)
      for (const auto& t : inputs_of(s))
        for (size_t i = 0; i < opts.partitions; ++i)
          cursors[s][{t, i}];
  }

  bool roll(double p) {
    return p > 0.0 && static_cast<double>(rng() >> 11) * 0x1.0p-53 < p;
  }

  size_t pick(size_t n) { return static_cast<size_t>(rng() % n); }

  void publish(shop_event ev, causal_headers headers) {
    boost::crc_32_type crc;
    const auto& key = order_id_of(ev);
    crc.process_bytes(key.data(), key.size());
    std::string topic = topic_of(ev);
    auto& parts = logs[topic];
    auto id = "e" + std::to_string(++next_id);
    parts[crc.checksum() % parts.size()].push_back(
      {std::move(id), std::move(ev), std::move(headers)});
    ++published[topic];
  }

  std::optional<outgoing> handle(service s, const record& r) {
    return live.at(s).handle(r.event, r.id);
  }

  // A state of `s` rebuilt from its own topic, partitions shuffled.
  service_state rebuild(service s) {
    auto result = service_state::make(s, params);
    const auto& parts = logs[output_of(s)];
    std::vector<size_t> order(parts.size());
    for (size_t i = 0; i < order.size(); ++i)
      order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    for (auto i : order)
      for (const auto& r : parts[i])
        result.apply_own(r.event, r.headers.causation_id);
    return result;
  }

  void kill(service s) {
    ++kills[s];
    live.at(s) = rebuild(s);
    for (auto& [where, c] : cursors[s])
      c.next = c.committed;
  }

  // The partitions of `s` with events not yet delivered.
  std::vector<std::pair<std::string, size_t>> pending(service s) {
    std::vector<std::pair<std::string, size_t>> result;
    for (const auto& [where, c] : cursors[s])
      if (c.next < logs[where.first][where.second].size())
        result.push_back(where);
    return result;
  }

  void deliver(service s) {
    auto where = pending(s);
    auto at = where[pick(where.size())];
    auto& c = cursors[s][at];
    const auto rec = logs[at.first][at.second][c.next];
    auto out = handle(s, rec);
    if (roll(opts.crash_rate)) {
      kill(s); // the output dies with the state, the input is redelivered
      return;
    }
    if (out)
      publish(std::move(out->event), std::move(out->headers));
    ++c.next;
    if (roll(opts.commit_rate))
      c.committed = c.next;
    ++deliveries;
    if (roll(opts.duplicate_rate))
      dups[s].push_back(rec);
  }

  void deliver_duplicate(service s) {
    auto& queue = dups[s];
    auto i = pick(queue.size());
    auto rec = std::move(queue[i]);
    queue.erase(queue.begin() + static_cast<ptrdiff_t>(i));
    ++duplicates_delivered;
    if (auto out = handle(s, rec)) {
      ++duplicate_outputs;
      publish(std::move(out->event), std::move(out->headers));
    }
  }

  void generate() {
    if (auto cmd = gen.next()) {
      auto key = order_id_of(*cmd);
      if (roll(opts.republish_rate))
        publish(*cmd, headers_for(key, ""));
      publish(std::move(*cmd), headers_for(std::move(key), ""));
    } else {
      generator_done = true;
    }
  }
};

shop_bus::shop_bus(const sim_params& params, bus_options opts)
  : impl_(std::make_unique<impl>(params, opts)) {
  // nop
}

shop_bus::~shop_bus() = default;

bool shop_bus::run() {
  auto& d = *impl_;
  enum kind { gen, deliver, dup };
  std::vector<std::pair<kind, service>> acts;
  for (uint64_t step = 0; step < d.opts.max_steps; ++step) {
    acts.clear();
    if (!d.generator_done)
      acts.emplace_back(gen, service::cart);
    for (auto s : all_services) {
      if (!d.pending(s).empty())
        acts.emplace_back(deliver, s);
      if (!d.dups[s].empty())
        acts.emplace_back(dup, s);
    }
    if (acts.empty())
      return true;
    if (d.roll(d.opts.kill_rate))
      d.kill(all_services[d.pick(std::size(all_services))]);
    auto [what, s] = acts[d.pick(acts.size())];
    if (what == gen)
      d.generate();
    else if (what == deliver)
      d.deliver(s);
    else
      d.deliver_duplicate(s);
    if (d.opts.scripted_kill_at > 0 && d.deliveries == d.opts.scripted_kill_at
        && d.kills[d.opts.victim] == 0)
      d.kill(d.opts.victim);
  }
  return false;
}

void shop_bus::kill(service s) {
  impl_->kill(s);
}

std::unique_ptr<shop_bus::rebuilt> shop_bus::rebuild_all() const {
  auto& d = *impl_;
  return std::make_unique<rebuilt>(
    rebuilt{d.rebuild(service::cart).as<cart_state>(),
            d.rebuild(service::order).as<order_state>(),
            d.rebuild(service::payment).as<payment_state>(),
            d.rebuild(service::inventory).as<inventory_state>(),
            d.rebuild(service::notification).as<notification_state>()});
}

shop_view shop_bus::view() const {
  auto& d = *impl_;
  shop_view result{
    orders(), payments(), inventory(), notifications(), d.gen.orders_placed(),
    {}};
  for (const auto& [name, parts] : d.logs) {
    uint64_t end = 0;
    for (const auto& p : parts)
      end += p.size();
    auto i = d.published.find(name);
    result.topics[name] = {i != d.published.end() ? i->second : 0, end};
  }
  return result;
}

const cart_state& shop_bus::carts() const {
  return impl_->live.at(service::cart).as<cart_state>();
}

const order_state& shop_bus::orders() const {
  return impl_->live.at(service::order).as<order_state>();
}

const payment_state& shop_bus::payments() const {
  return impl_->live.at(service::payment).as<payment_state>();
}

const inventory_state& shop_bus::inventory() const {
  return impl_->live.at(service::inventory).as<inventory_state>();
}

const notification_state& shop_bus::notifications() const {
  return impl_->live.at(service::notification).as<notification_state>();
}

uint64_t shop_bus::kills(service s) const {
  auto i = impl_->kills.find(s);
  return i != impl_->kills.end() ? i->second : 0;
}

uint64_t shop_bus::deliveries() const {
  return impl_->deliveries;
}

uint64_t shop_bus::duplicates_delivered() const {
  return impl_->duplicates_delivered;
}

uint64_t shop_bus::duplicate_outputs() const {
  return impl_->duplicate_outputs;
}

uint64_t shop_bus::inbox_hits() const {
  uint64_t result = 0;
  for (const auto& [s, st] : impl_->live)
    result += st.inbox().redeliveries();
  return result;
}

const std::vector<std::vector<record>>&
shop_bus::topic(const std::string& name) const {
  return impl_->logs[name];
}

} // namespace actorbus::shop::testing
