#include "runtime/admin/ctl_tables.hpp"

#include <algorithm>
#include <cassert>
#include <cstdio>

#include "runtime/events/type_filter.hpp"

namespace actorbus::admin {

namespace {

std::string join(const std::vector<int32_t>& xs) {
  std::string out;
  for (auto x : xs) {
    if (!out.empty())
      out += ',';
    out += std::to_string(x);
  }
  return out.empty() ? "-" : out;
}

std::string or_dash(const std::string& str) {
  return str.empty() ? "-" : str;
}

std::string section(const std::string& title, const text_table& table) {
  return title + "\n" + (table.empty() ? "(none)\n" : table.render());
}

text_table topics_table(const std::vector<topic_status>& xs) {
  text_table t{{"topic", "partition", "start", "end", "bytes", "segments"}};
  for (auto& topic : xs)
    for (auto& p : topic.partitions)
      t.add({topic.name, std::to_string(p.partition),
             std::to_string(p.start_offset), std::to_string(p.end_offset),
             std::to_string(p.bytes), std::to_string(p.segments)});
  return t;
}

text_table lag_table(const std::vector<group_status>& xs) {
  text_table t{{"group", "topic", "partition", "committed", "end", "lag"}};
  for (auto& g : xs)
    for (auto& p : g.partitions)
      t.add({g.group, g.topic, std::to_string(p.partition),
             std::to_string(p.committed), std::to_string(p.end_offset),
             std::to_string(p.lag)});
  return t;
}

text_table members_table(const std::vector<group_status>& xs) {
  text_table t{{"group", "topic", "types", "member", "partitions", "in flight"}};
  for (auto& g : xs) {
    auto types = events::type_filter{g.types}.describe();
    for (auto& m : g.members)
      t.add({g.group, g.topic, types, m.member, join(m.partitions),
             std::to_string(m.in_flight)});
  }
  return t;
}

text_table supervision_table(const std::vector<supervised_status>& xs) {
  text_table t{
    {"actor", "supervisor", "state", "instance", "restarts", "last reason"}};
  for (auto& s : xs)
    t.add({s.name, or_dash(s.supervisor), s.state,
           s.instance == 0 ? "-" : std::to_string(s.instance),
           std::to_string(s.restarts), or_dash(s.last_reason)});
  return t;
}

} // namespace

text_table::text_table(std::vector<std::string> header)
  : header_(std::move(header)) {
  for (auto& h : header_)
    std::transform(h.begin(), h.end(), h.begin(), [](char c) {
      return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    });
}

void text_table::add(std::vector<std::string> row) {
  assert(row.size() == header_.size());
  rows_.emplace_back(std::move(row));
}

std::string text_table::render() const {
  std::vector<size_t> width(header_.size());
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size(); ++i)
      width[i] = std::max(width[i], row[i].size());
  };
  measure(header_);
  for (auto& row : rows_)
    measure(row);
  std::string out;
  auto emit = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size())
        line.append(width[i] - row[i].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out += line;
    out += '\n';
  };
  emit(header_);
  for (auto& row : rows_)
    emit(row);
  return out;
}

std::string render_status(const node_status& x) {
  char uptime[32];
  std::snprintf(uptime, sizeof(uptime), "%.1fs", x.uptime_s);
  std::string out = "node " + x.node + "  uptime " + uptime + "\n\n";
  out += section("Topics", topics_table(x.topics)) + "\n";
  out += section("Consumer groups", lag_table(x.groups)) + "\n";
  out += section("Group members", members_table(x.groups)) + "\n";
  out += section("Supervision", supervision_table(x.supervision));
  return out;
}

std::string render_topics(const std::vector<topic_status>& xs) {
  auto t = topics_table(xs);
  return t.empty() ? "(no topics)\n" : t.render();
}

std::string render_groups(const std::vector<group_status>& xs) {
  if (xs.empty())
    return "(no groups)\n";
  return lag_table(xs).render() + "\n" + members_table(xs).render();
}

std::string render_reset(const reset_offsets_result& x) {
  text_table t{{"partition", "old offset", "new offset"}};
  for (auto& p : x.partitions)
    t.add({std::to_string(p.partition), std::to_string(p.old_offset),
           std::to_string(p.new_offset)});
  return "group " + x.group + " on " + x.topic + " reset to " + x.to + "\n"
         + t.render();
}

} // namespace actorbus::admin
