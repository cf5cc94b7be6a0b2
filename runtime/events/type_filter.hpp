#pragma once

#include <string>
#include <vector>

namespace actorbus::events {

/// Which event types (envelope::type) a consumer group takes from a topic,
/// like a JetStream consumer's filter subjects: the broker passes over the
/// other events on its side, so they cost the group neither a delivery nor
/// an ack, and its committed offset moves past them.
///
/// CONTRACT: an empty list accepts every type (the default). The types are
/// kept sorted and without duplicates, so two filters naming the same types
/// in any order compare equal.
class type_filter {
public:
  type_filter() = default;

  explicit type_filter(std::vector<std::string> types);

  bool accepts_all() const noexcept { return types_.empty(); }

  bool accepts(const std::string& type) const noexcept;

  const std::vector<std::string>& types() const noexcept { return types_; }

  /// "all types" or the types separated by commas, for logs and errors.
  std::string describe() const;

  friend bool operator==(const type_filter& x, const type_filter& y) {
    return x.types_ == y.types_;
  }
  friend bool operator!=(const type_filter& x, const type_filter& y) {
    return !(x == y);
  }

private:
  std::vector<std::string> types_;
};

} // namespace actorbus::events
