#include "runtime/errc.hpp"

#include "caf/atom.hpp"
#include "caf/exit_reason.hpp"
#include "caf/message.hpp"
#include "caf/sec.hpp"

namespace actorbus {

namespace {

constexpr caf::atom_value category = caf::atom("actorbus");

} // namespace

std::string to_string(errc code) {
  switch (code) {
    case errc::none:
      return "none";
    case errc::io_error:
      return "io_error";
    case errc::disk_full:
      return "disk_full";
    case errc::corrupted_log:
      return "corrupted_log";
    case errc::log_failed:
      return "log_failed";
    case errc::offset_out_of_range:
      return "offset_out_of_range";
    case errc::unknown_topic:
      return "unknown_topic";
    case errc::unknown_partition:
      return "unknown_partition";
    case errc::payload_too_large:
      return "payload_too_large";
    case errc::invalid_argument:
      return "invalid_argument";
    case errc::shutting_down:
      return "shutting_down";
    case errc::unknown_member:
      return "unknown_member";
    case errc::sequence_gap:
      return "sequence_gap";
    case errc::decode_failed:
      return "decode_failed";
    case errc::unknown_event_type:
      return "unknown_event_type";
    case errc::invalid_config:
      return "invalid_config";
    case errc::unknown_actor:
      return "unknown_actor";
    case errc::restart_limit:
      return "restart_limit";
    case errc::timeout:
      return "timeout";
    case errc::node_unreachable:
      return "node_unreachable";
    case errc::duplicate_node:
      return "duplicate_node";
    case errc::unauthorized:
      return "unauthorized";
    case errc::bad_request:
      return "bad_request";
  }
  return "errc(" + std::to_string(static_cast<int>(code)) + ")";
}

bool is_retryable(errc code) noexcept {
  switch (code) {
    case errc::io_error:
    case errc::disk_full:
    case errc::shutting_down:
    case errc::unknown_member:
    case errc::unknown_actor:
    case errc::timeout:
    case errc::node_unreachable:
    case errc::unauthorized:
      return true;
    default:
      return false;
  }
}

bool has_code(const caf::error& err, errc code) noexcept {
  return err.category() == category && err.code() == static_cast<uint8_t>(code);
}

errc code_of(const caf::error& err) noexcept {
  return err.category() == category ? static_cast<errc>(err.code())
                                    : errc::none;
}

std::string render(const caf::error& err) {
  if (!err)
    return "none";
  std::string result;
  if (err.category() == category)
    result = to_string(static_cast<errc>(err.code()));
  else if (err.category() == caf::atom("system"))
    result = caf::to_string(static_cast<caf::sec>(err.code()));
  else if (err.category() == caf::atom("exit"))
    result = "exit_reason("
             + caf::to_string(static_cast<caf::exit_reason>(err.code())) + ")";
  else
    result = caf::to_string(err.category()) + "/"
             + std::to_string(static_cast<int>(err.code()));
  const auto& ctx = err.context();
  for (size_t i = 0; i < ctx.size(); ++i) {
    result += i == 0 ? ": " : " ";
    if (ctx.match_element<std::string>(i))
      result += ctx.get_as<std::string>(i);
    else
      result += ctx.stringify(i);
  }
  return result;
}

} // namespace actorbus
