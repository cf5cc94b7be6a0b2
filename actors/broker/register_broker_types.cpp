#include "actors/broker/register_broker_types.hpp"

#include "actors/broker/consume_messages.hpp"
#include "actors/broker/offsets_messages.hpp"
#include "actors/broker/partition_messages.hpp"
#include "actors/broker/publish_messages.hpp"
#include "actors/broker/read_messages.hpp"
#include "actors/broker/status_messages.hpp"

namespace actorbus::broker {

void register_broker_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<events::envelope>("actorbus::envelope");
  cfg.add_message_type<publish_request>("actorbus::publish_request");
  cfg.add_message_type<publish_result>("actorbus::publish_result");
  cfg.add_message_type<topic_metadata_request>(
    "actorbus::topic_metadata_request");
  cfg.add_message_type<topic_metadata>("actorbus::topic_metadata");
  cfg.add_message_type<replay_dlq_request>("actorbus::replay_dlq_request");
  cfg.add_message_type<replay_result>("actorbus::replay_result");
  cfg.add_message_type<start_position>("actorbus::start_position");
  cfg.add_message_type<join_request>("actorbus::join_request");
  cfg.add_message_type<join_result>("actorbus::join_result");
  cfg.add_message_type<delivery>("actorbus::delivery");
  cfg.add_message_type<delivery_batch>("actorbus::delivery_batch");
  cfg.add_message_type<event_ref>("actorbus::event_ref");
  cfg.add_message_type<ack_msg>("actorbus::ack_msg");
  cfg.add_message_type<nack_msg>("actorbus::nack_msg");
  cfg.add_message_type<leave_msg>("actorbus::leave_msg");
  cfg.add_message_type<reset_offsets_request>(
    "actorbus::reset_offsets_request");
  cfg.add_message_type<reset_offsets_result>("actorbus::reset_offsets_result");
  cfg.add_message_type<status_request>("actorbus::status_request");
  cfg.add_message_type<partition_status>("actorbus::partition_status");
  cfg.add_message_type<topic_status>("actorbus::topic_status");
  cfg.add_message_type<member_status>("actorbus::member_status");
  cfg.add_message_type<group_partition_status>(
    "actorbus::group_partition_status");
  cfg.add_message_type<group_status>("actorbus::group_status");
  cfg.add_message_type<broker_status>("actorbus::broker_status");
  cfg.add_message_type<append_request>("actorbus::append_request");
  cfg.add_message_type<append_result>("actorbus::append_result");
  cfg.add_message_type<fetch_request>("actorbus::fetch_request");
  cfg.add_message_type<fetch_result>("actorbus::fetch_result");
  cfg.add_message_type<resolve_request>("actorbus::resolve_request");
  cfg.add_message_type<read_request>("actorbus::read_request");
  cfg.add_message_type<commit_request>("actorbus::commit_request");
  cfg.add_message_type<committed_request>("actorbus::committed_request");
}

} // namespace actorbus::broker
