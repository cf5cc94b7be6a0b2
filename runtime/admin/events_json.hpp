#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

#include "caf/expected.hpp"

#include "runtime/admin/position.hpp"

namespace actorbus::admin {

struct http_request;

/// Per-partition read positions: partition -> next offset to read. In a
/// query string it is written "0:15,1:20" (`?cursor=`).
using cursor = std::map<int32_t, int64_t>;

std::string cursor_to_string(const cursor& x);

/// Parses "0:15,1:20" ("" is the empty cursor); `errc::invalid_argument`
/// when malformed.
caf::expected<cursor> parse_cursor(const std::string& str);

/// The query of `GET /topics/<t>/events`:
/// `?from=earliest|latest|<offset>|<time>&max=N[&partition=P][&cursor=C]`.
/// A cursor (from a previous page's `next`) overrides `from` for the
/// partitions it names.
struct events_query {
  position from;
  size_t max = 100;
  std::optional<int32_t> partition;
  cursor resume;

  static constexpr size_t max_limit = 1000;
};

/// Reads an events_query from a request (`from` defaults to earliest, `max`
/// to 100, capped at events_query::max_limit); `errc::bad_request` names the
/// bad parameter.
caf::expected<events_query> parse_events_query(const http_request& req);

/// One event as the API shows it: its envelope plus the payload decoded by
/// its type (`data`; the raw payload as a string when no decoder knows it).
struct event_record {
  int32_t partition = 0;
  int64_t offset = 0;
  std::chrono::system_clock::time_point time;
  std::string type;
  std::string key;
  boost::json::value data;
};

/// Answer of `GET /topics/<t>/events`: the events in offset order per
/// partition, and `next`, the cursor to pass back to continue.
struct events_page {
  std::string topic;
  std::vector<event_record> events;
  cursor next;
};

#define ACTORBUS_ADMIN_JSON(type)                                              \
  void tag_invoke(boost::json::value_from_tag, boost::json::value& v,          \
                  const type& x);                                              \
  type tag_invoke(boost::json::value_to_tag<type>, const boost::json::value& v);
ACTORBUS_ADMIN_JSON(event_record)
ACTORBUS_ADMIN_JSON(events_page)
#undef ACTORBUS_ADMIN_JSON

} // namespace actorbus::admin
