#pragma once

#include <string>
#include <vector>

#include "runtime/admin/action_json.hpp"
#include "runtime/admin/status_json.hpp"

namespace actorbus::admin {

/// A plain-text table: left-aligned columns separated by two spaces, a header
/// row in upper case, no trailing spaces.
class text_table {
public:
  explicit text_table(std::vector<std::string> header);

  /// Precondition: `row` has as many cells as the header.
  void add(std::vector<std::string> row);

  bool empty() const noexcept { return rows_.empty(); }

  std::string render() const;

private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

/// The human-readable output of `actorbusctl status`: a node line, then the
/// topics, group lag, group members and supervision tables ("(none)" for
/// empty sections).
std::string render_status(const node_status& x);

/// `actorbusctl topics`: one row per partition.
std::string render_topics(const std::vector<topic_status>& xs);

/// `actorbusctl groups`: lag per partition, then members.
std::string render_groups(const std::vector<group_status>& xs);

/// `actorbusctl reset-offsets`: one row per partition, old -> new.
std::string render_reset(const reset_offsets_result& x);

} // namespace actorbus::admin
