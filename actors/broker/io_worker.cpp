#include "actors/broker/io_worker.hpp"

namespace actorbus::broker {

caf::behavior io_worker(caf::event_based_actor*) {
  return {
    [](sync_job& job) {
      return sync_done{job.sync->run()};
    },
    [](open_job& job) {
      auto opened = partition_state::open(std::move(job.settings));
      if (!opened)
        return open_done{nullptr, std::move(opened.error())};
      return open_done{std::make_shared<std::unique_ptr<partition_state>>(
                         std::move(*opened)),
                       caf::none};
    },
  };
}

} // namespace actorbus::broker
