#include "actors/supervisor/actor_directory.hpp"

#include "caf/send.hpp"

#include "runtime/errc.hpp"

namespace actorbus::supervision {

caf::error actor_directory::claim(const child_snapshot& info) {
  std::lock_guard<std::mutex> guard{mtx_};
  if (auto x = find(info.name)) {
    if (x->info.parent != info.parent)
      return caf::make_error(
        errc::invalid_argument,
        "name " + info.name + " already belongs to "
          + (x->info.parent.empty() ? std::string{"root"} : x->info.parent));
    x->info.type = info.type;
    return caf::none;
  }
  entries_.push_back(entry{info, caf::actor{}});
  return caf::none;
}

void actor_directory::update(const child_snapshot& info, caf::actor handle) {
  std::lock_guard<std::mutex> guard{mtx_};
  if (auto x = find(info.name)) {
    x->info = info;
    x->handle = std::move(handle);
  } else {
    entries_.push_back(entry{info, std::move(handle)});
  }
}

void actor_directory::set_stopped(const std::string& name,
                                  const std::string& reason) {
  std::lock_guard<std::mutex> guard{mtx_};
  if (auto x = find(name)) {
    x->info.status = child_status::stopped;
    x->info.last_reason = reason;
    x->handle = nullptr;
  }
}

void actor_directory::set_children_stopped(const std::string& parent,
                                           const std::string& reason) {
  std::lock_guard<std::mutex> guard{mtx_};
  for (auto& x : entries_) {
    if (x.info.parent != parent || x.info.status == child_status::stopped)
      continue;
    x.info.status = child_status::stopped;
    x.info.last_reason = reason;
    x.handle = nullptr;
  }
}

caf::expected<caf::actor>
actor_directory::lookup(const std::string& name) const {
  std::lock_guard<std::mutex> guard{mtx_};
  auto x = find(name);
  if (x == nullptr)
    return caf::make_error(errc::unknown_actor, "no child named " + name);
  if (!x->handle)
    return caf::make_error(errc::unknown_actor,
                           name + " is " + to_string(x->info.status));
  return x->handle;
}

std::optional<child_snapshot>
actor_directory::info(const std::string& name) const {
  std::lock_guard<std::mutex> guard{mtx_};
  if (auto x = find(name))
    return x->info;
  return std::nullopt;
}

caf::expected<uint64_t> actor_directory::kill(const std::string& name,
                                              caf::exit_reason reason) const {
  auto handle = lookup(name);
  if (!handle)
    return std::move(handle.error());
  caf::anon_send_exit(*handle, reason);
  return handle->id();
}

tree_snapshot actor_directory::snapshot() const {
  std::lock_guard<std::mutex> guard{mtx_};
  tree_snapshot result;
  result.children.reserve(entries_.size());
  for (auto& x : entries_)
    result.children.push_back(x.info);
  return result;
}

actor_directory::entry* actor_directory::find(const std::string& name) {
  for (auto& x : entries_)
    if (x.info.name == name)
      return &x;
  return nullptr;
}

const actor_directory::entry*
actor_directory::find(const std::string& name) const {
  for (auto& x : entries_)
    if (x.info.name == name)
      return &x;
  return nullptr;
}

} // namespace actorbus::supervision
