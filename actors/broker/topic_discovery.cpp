#include "actors/broker/topic_discovery.hpp"

#include <algorithm>

#include "runtime/errc.hpp"

namespace actorbus::broker {

namespace {

bool is_partition_name(const std::string& x) {
  return !x.empty() && x.size() <= 9
         && std::all_of(x.begin(), x.end(),
                        [](char c) { return c >= '0' && c <= '9'; })
         && (x == "0" || x[0] != '0');
}

} // namespace

caf::expected<discovery>
discover_topics(log::file_system& fs, const std::string& data_dir) {
  discovery result;
  if (data_dir.empty() || !fs.exists(data_dir))
    return result;
  auto topics = fs.list_dirs(data_dir);
  if (!topics)
    return std::move(topics.error());
  std::sort(topics->begin(), topics->end());
  for (auto& name : *topics) {
    if (name.compare(0, 2, "__") == 0)
      continue;
    auto parts = fs.list_dirs(log::join_path(data_dir, name));
    if (!parts) {
      result.problems.push_back(std::move(parts.error()));
      continue;
    }
    std::vector<int64_t> numbers;
    std::string listed;
    for (auto& p : *parts) {
      listed += (listed.empty() ? "" : ",") + p;
      if (is_partition_name(p))
        numbers.push_back(std::stoll(p));
    }
    std::sort(numbers.begin(), numbers.end());
    bool contiguous = numbers.size() == parts->size();
    for (size_t i = 0; contiguous && i < numbers.size(); ++i)
      contiguous = numbers[i] == static_cast<int64_t>(i);
    if (!contiguous || numbers.empty()) {
      result.problems.push_back(caf::make_error(
        errc::corrupted_log, "topic " + name
                               + ": expected partition directories 0..n-1, "
                                 "found ["
                               + listed + "]"));
      continue;
    }
    result.topics.push_back(
      found_topic{name, static_cast<int32_t>(numbers.size())});
  }
  return result;
}

} // namespace actorbus::broker
