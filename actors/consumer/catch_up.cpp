#include "actors/consumer/catch_up.hpp"

#include "actors/broker/partition_messages.hpp"
#include "actors/broker/publish_messages.hpp"
#include "actors/broker/read_messages.hpp"
#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"

namespace actorbus::consumer::detail {

namespace {

using done_fn = void (*)(resumable_actor*);

/// Batch size of one read; large enough that a rebuild of a busy topic
/// takes few round trips, small enough to bound one reply.
constexpr int32_t read_batch = 4096;

void fold(resumable_actor* self, const events::envelope& own) {
  auto& st = self->state;
  if (!own.causation_id.empty() && st.inbox.contains(own.causation_id))
    return; // already in the state: this instance's own effect
  if (auto err = st.logic->apply_own(own)) {
    fail(self, "cannot apply own event", err);
    return;
  }
  st.inbox.record(own.causation_id);
  ++st.rebuilt;
  st.cfg.observer->rebuilt(own);
}

void read_partition(resumable_actor* self, int32_t p, done_fn done) {
  auto& st = self->state;
  broker::read_request req{st.cfg.output, p, st.folded[static_cast<size_t>(p)],
                           read_batch, true};
  self->request(st.cfg.broker, st.cfg.request_timeout, std::move(req))
    .then(
      [=](broker::fetch_result& res) {
        auto& st = self->state;
        if (st.failed)
          return;
        auto& at = st.folded[static_cast<size_t>(p)];
        for (auto& own : res.events) {
          fold(self, own);
          if (st.failed)
            return;
          at = own.offset + 1;
        }
        if (!res.events.empty() && at < res.end_offset) {
          read_partition(self, p, done);
        } else if (--st.folding == 0) {
          done(self);
        }
      },
      [=](caf::error& err) { fail(self, "reading own topic failed", err); });
}

} // namespace

void fail(resumable_actor* self, const char* what, const caf::error& err) {
  logging::error(self->state.cfg.name, what, {{"reason", render(err)}});
  self->state.failed = true;
  self->quit(err);
}

void rebuild(resumable_actor* self, done_fn done) {
  auto& st = self->state;
  broker::topic_metadata_request req{st.cfg.output};
  self->request(st.cfg.broker, st.cfg.request_timeout, std::move(req))
    .then(
      [=](const broker::topic_metadata& meta) {
        auto& st = self->state;
        st.producer.learn(meta);
        st.folded.assign(static_cast<size_t>(meta.partitions), 0);
        catch_up(self, done);
      },
      [=](caf::error& err) { fail(self, "metadata failed", err); });
}

void catch_up(resumable_actor* self, done_fn done) {
  auto& st = self->state;
  ++st.catch_ups;
  st.folding = static_cast<int32_t>(st.folded.size());
  if (st.folding == 0) {
    done(self);
    return;
  }
  auto n = st.folding;
  for (int32_t p = 0; p < n; ++p)
    read_partition(self, p, done);
}

} // namespace actorbus::consumer::detail
