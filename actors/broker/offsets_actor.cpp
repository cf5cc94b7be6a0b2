#include "actors/broker/offsets_actor.hpp"

#include "caf/unit.hpp"

#include "actors/broker/broker_atoms.hpp"
#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus::broker {

caf::behavior offsets_actor(caf::stateful_actor<offsets_actor_state>* self,
                            log::file_system* fs, std::string dir,
                            log::durability mode, caf::timespan flush_delay) {
  // The store never flushes on its own (`interval`); this actor flushes
  // once per marker. `none` keeps fsync off entirely.
  auto store_mode = mode == log::durability::none ? log::durability::none
                                                  : log::durability::interval;
  auto store = offsets::offset_store::open(*fs, dir, store_mode);
  if (store) {
    self->state.store = std::move(*store);
  } else {
    self->state.open_error = store.error();
    logging::error("offsets", "cannot open offset store",
                   {{"dir", dir}, {"error", render(store.error())}});
  }
  self->set_exit_handler([=](caf::exit_msg& msg) {
    for (auto& rp : self->state.waiting)
      rp.deliver(caf::make_error(errc::shutting_down, "offsets"));
    self->state.waiting.clear();
    self->quit(msg.reason);
  });
  return {
    [=](commit_request& req) -> caf::result<caf::unit_t> {
      auto& st = self->state;
      if (!st.store)
        return st.open_error;
      for (size_t i = 0; i < req.partitions.size(); ++i)
        if (auto err = st.store->commit(req.group, req.topic, req.partitions[i],
                                        req.offsets[i]))
          return err;
      st.waiting.push_back(self->make_response_promise());
      if (!st.flush_queued) {
        st.flush_queued = true;
        if (flush_delay.count() > 0)
          self->delayed_send(self, flush_delay, flush_atom::value);
        else
          self->send(self, flush_atom::value);
      }
      return caf::delegated<caf::unit_t>{};
    },
    [=](flush_atom) {
      auto& st = self->state;
      st.flush_queued = false;
      auto err = st.store->flush();
      if (err)
        logging::error("offsets", "offset flush failed",
                       {{"error", render(err)}});
      for (auto& rp : st.waiting) {
        if (err)
          rp.deliver(err);
        else
          rp.deliver(caf::unit);
      }
      st.waiting.clear();
    },
    [=](committed_request& req) -> caf::result<std::vector<int64_t>> {
      auto& st = self->state;
      if (!st.store)
        return st.open_error;
      std::vector<int64_t> result;
      for (int32_t p = 0; p < req.partitions; ++p)
        result.push_back(st.store->get(req.group, req.topic, p));
      return result;
    },
  };
}

} // namespace actorbus::broker
