#pragma once

#include <cstdint>
#include <string>

#include "caf/error.hpp"
#include "caf/make_message.hpp"
#include "caf/message.hpp"

namespace actorbus {

/// The project's error codes. Every expected failure in actorbus is a
/// `caf::error` with one of these codes (category `actorbus`), built with
/// `caf::make_error(errc::..., "context", value...)`. The comment on each code
/// says what happened and whether retrying the same call can help.
enum class errc : uint8_t {
  /// Not an error; CAF reserves code 0 for "no error".
  none = 0,
  /// A read, write, fsync or rename failed (not ENOSPC). Retrying may help
  /// once the disk recovers; the log refuses appends until reopened.
  io_error,
  /// The disk is full (ENOSPC). Retry after space is freed or retention ran.
  disk_full,
  /// A sealed segment holds a bad CRC or an impossible length. The partition
  /// is refused; retrying cannot help, an operator has to repair or remove it.
  corrupted_log,
  /// An earlier I/O error left the log unable to append safely. Retrying the
  /// append cannot help until the partition is reopened.
  log_failed,
  /// The requested offset is outside [start, end] of the partition. Retry
  /// with an offset inside the range.
  offset_out_of_range,
  /// The topic does not exist and auto-create is off. Retrying cannot help
  /// until the topic is created.
  unknown_topic,
  /// The partition number does not exist for this topic. Retrying cannot help.
  unknown_partition,
  /// The payload or batch is larger than the configured limit. Retrying the
  /// same event cannot help.
  payload_too_large,
  /// An argument is malformed or out of range. Retrying cannot help.
  invalid_argument,
  /// The broker is shutting down. Retry later or against another broker.
  shutting_down,
  /// The consumer group or member is not known (left, died or never joined).
  /// Rejoin, then retry.
  unknown_member,
  /// A producer sequence number skipped ahead of the next expected one.
  /// Retrying cannot help; the producer must resend the missing events.
  sequence_gap,
  /// A payload could not be decoded as the type its envelope names. Retrying
  /// cannot help; the event is routed to the dead-letter topic.
  decode_failed,
  /// No decoder is registered for the event's type name. Retrying cannot help
  /// until the type is registered.
  unknown_event_type,
  /// A configuration value is missing, unknown, wrongly typed or out of range.
  /// Fix the configuration; retrying cannot help.
  invalid_config,
  /// No actor is registered under the given name. Retrying may help once the
  /// supervisor has (re)started it.
  unknown_actor,
  /// A supervisor restarted its children more often than its intensity
  /// allows and gave up. Retrying cannot help; the parent decides.
  restart_limit,
  /// A request got no answer within its deadline. Retrying may help.
  timeout,
  /// The remote node cannot be reached. Retrying (with backoff) may help.
  node_unreachable,
  /// Another node with the same name is already connected. Retrying cannot
  /// help until that node stops or this one is renamed.
  duplicate_node,
  /// The request lacks a valid bearer token. Retrying with the token helps.
  unauthorized,
  /// A request could not be parsed or names an unknown resource. Retrying the
  /// same request cannot help.
  bad_request,
};

/// Returns the code's name, e.g. "corrupted_log".
std::string to_string(errc code);

/// Returns whether retrying the same call can succeed later (see each code).
bool is_retryable(errc code) noexcept;

/// Returns whether `err` carries the actorbus category and the given code.
bool has_code(const caf::error& err, errc code) noexcept;

/// Returns the actorbus code of `err`, or `errc::none` for other categories.
errc code_of(const caf::error& err) noexcept;

/// Renders any error in one line without an actor system, e.g.
/// "corrupted_log: orders/0 segment 0.log at byte 4096".
std::string render(const caf::error& err);

} // namespace actorbus

CAF_ERROR_CODE_ENUM(actorbus::errc, "actorbus")
