// typed_logic and processed_ids without actors: decide/evolve dispatch,
// errors as values, and the inbox's text ids.

#include <gtest/gtest.h>

#include "tests/actor/consumer/consumer_fixture.hpp"

using namespace actorbus;
using namespace actorbus::test;

namespace {

events::envelope deposit_event(const std::string& account, int64_t amount) {
  return broker::make_envelope(account, deposit{account, amount});
}

} // namespace

TEST(TypedLogic, HandleReturnsTheEffectAndFoldsItIntoTheState) {
  auto logic = make_ledger_logic();
  auto in = deposit_event("a", 5);
  auto out = logic->handle(in, 1);
  ASSERT_TRUE(out) << render(out.error());
  ASSERT_TRUE(*out);
  auto& eff = **out;
  EXPECT_EQ(eff.event.type, "test.Credited");
  EXPECT_EQ(eff.event.key, "a");
  EXPECT_EQ(eff.event.causation_id, consumer::id_text(in.id));
  EXPECT_EQ(logic->state().balance.at("a"), 5);
  // Rebuilding from that effect gives the same state.
  auto rebuilt = make_ledger_logic();
  EXPECT_FALSE(rebuilt->apply_own(eff.event));
  EXPECT_EQ(rebuilt->state(), logic->state());
}

TEST(TypedLogic, InputWithoutHandlerHasNoEffect) {
  auto logic = make_ledger_logic();
  auto other = broker::make_envelope("a", credited{"a", 1});
  auto out = logic->handle(other, 1);
  ASSERT_TRUE(out);
  EXPECT_FALSE(*out);
  EXPECT_TRUE(logic->state().balance.empty());
}

TEST(TypedLogic, BadPayloadsAndUnknownOwnTypesAreErrors) {
  auto logic = make_ledger_logic();
  auto bad = deposit_event("a", 5);
  bad.payload.resize(1);
  auto out = logic->handle(bad, 1);
  ASSERT_FALSE(out);
  EXPECT_EQ(code_of(out.error()), errc::decode_failed);
  auto foreign = deposit_event("a", 5); // not one of the ledger's own types
  EXPECT_EQ(code_of(logic->apply_own(foreign)), errc::unknown_event_type);
  EXPECT_TRUE(logic->state().balance.empty());
}

TEST(TypedLogic, ThrowingHandlerPropagates) {
  auto logic = make_ledger_logic();
  EXPECT_THROW(logic->handle(deposit_event("poison", 1), 1),
               std::runtime_error);
}

TEST(ProcessedIds, RecordsNonEmptyIdsAsHexText) {
  consumer::processed_ids inbox;
  auto id = events::make_event_id();
  auto text = consumer::id_text(id);
  EXPECT_EQ(text.size(), 32u);
  EXPECT_EQ(text.find_first_not_of("0123456789abcdef"), std::string::npos);
  inbox.record(text);
  inbox.record("");
  EXPECT_TRUE(inbox.contains(text));
  EXPECT_FALSE(inbox.contains(""));
  EXPECT_EQ(inbox.size(), 1u);
}
