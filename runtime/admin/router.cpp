#include "runtime/admin/router.hpp"

#include <stdexcept>

namespace actorbus::admin {

namespace {

bool is_placeholder(const std::string& seg) {
  return seg.size() > 2 && seg.front() == '<' && seg.back() == '>';
}

} // namespace

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> result;
  size_t pos = path.empty() || path[0] != '/' ? 0 : 1;
  if (pos >= path.size())
    return result;
  for (;;) {
    auto next = path.find('/', pos);
    result.emplace_back(path.substr(pos, next - pos));
    if (next == std::string::npos)
      return result;
    pos = next + 1;
  }
}

void router::add(std::string method, const std::string& pattern, handler fn) {
  if (pattern.empty() || pattern[0] != '/')
    throw std::invalid_argument("route pattern must start with '/': "
                                + pattern);
  auto segments = split_path(pattern);
  for (auto& seg : segments)
    if (seg.empty() || (seg.front() == '<') != is_placeholder(seg)
        || (seg.back() == '>') != is_placeholder(seg))
      throw std::invalid_argument("malformed route pattern: " + pattern);
  for (auto& r : routes_)
    if (r.method == method && r.pattern == segments)
      throw std::invalid_argument("duplicate route: " + method + " " + pattern);
  routes_.push_back(
    route{std::move(method), std::move(segments), std::move(fn)});
}

int router::score(const route& r, const std::vector<std::string>& segments) {
  if (r.pattern.size() != segments.size())
    return -1;
  int literals = 0;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (is_placeholder(r.pattern[i])) {
      if (segments[i].empty())
        return -1;
    } else if (r.pattern[i] == segments[i]) {
      ++literals;
    } else {
      return -1;
    }
  }
  return literals;
}

router::match_result
router::match(const std::string& method,
              const std::vector<std::string>& segments) const {
  match_result result;
  const route* best = nullptr;
  int best_score = -1;
  for (auto& r : routes_) {
    auto s = score(r, segments);
    if (s < 0)
      continue;
    if (r.method != method) {
      if (result.allow.find(r.method) == std::string::npos)
        result.allow += (result.allow.empty() ? "" : ", ") + r.method;
      continue;
    }
    if (s > best_score) {
      best = &r;
      best_score = s;
    }
  }
  if (best == nullptr) {
    result.status = result.allow.empty() ? 404 : 405;
    return result;
  }
  result.status = 200;
  result.fn = &best->fn;
  result.allow.clear();
  for (size_t i = 0; i < segments.size(); ++i)
    if (is_placeholder(best->pattern[i]))
      result.params[best->pattern[i].substr(1, best->pattern[i].size() - 2)]
        = segments[i];
  return result;
}

} // namespace actorbus::admin
