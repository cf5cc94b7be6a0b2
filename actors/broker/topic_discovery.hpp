#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "caf/expected.hpp"

#include "runtime/log/file_system.hpp"

namespace actorbus::broker {

/// A topic whose partition logs exist under a data dir.
struct found_topic {
  std::string name;
  int32_t partitions = 0;
};

/// What a data dir holds: the topics, and one error per topic directory that
/// is not a valid topic (the broker logs those and leaves them alone).
struct discovery {
  std::vector<found_topic> topics;
  std::vector<caf::error> problems;
};

/// Lists the topics stored under `data_dir` (layout
/// `<data_dir>/<topic>/<partition>`, see runtime/log/FORMAT.md), so that a
/// restarted broker knows every topic it ever created, also the ones created
/// on first use. Directories starting with "__" (offsets) are skipped. A
/// missing `data_dir` holds no topics. A topic whose partition directories
/// are not exactly 0..n-1 is a problem (errc::corrupted_log naming the topic
/// and the directories found); an unreadable data dir is an error. Blocking (directory reads): call it outside actors or
/// at start-up.
caf::expected<discovery>
discover_topics(log::file_system& fs, const std::string& data_dir);

} // namespace actorbus::broker
