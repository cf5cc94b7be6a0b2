#include "runtime/supervision/supervision_state.hpp"

#include <cstdio>

#include <gtest/gtest.h>

#include "caf/exit_reason.hpp"
#include "caf/sec.hpp"

#include "runtime/errc.hpp"
#include "runtime/logging/logger.hpp"

using namespace std::chrono_literals;
using namespace actorbus::supervision;
using idx_list = std::vector<size_t>;

namespace {

const caf::error crash = caf::make_error(caf::sec::runtime_error);
const caf::error killed = caf::make_error(caf::exit_reason::kill);
const caf::error shutdown = caf::make_error(caf::exit_reason::user_shutdown);

class SupervisionState : public ::testing::Test {
protected:
  SupervisionState() {
    actorbus::logging::default_logger().set_sink(
      [this](std::string_view line) { lines.emplace_back(line); });
  }

  ~SupervisionState() override {
    actorbus::logging::default_logger().set_sink([](std::string_view line) {
      std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()),
                   line.data());
    });
  }

  supervision_state make(restart_strategy strategy,
                         std::vector<restart_type> types = {},
                         size_t max_restarts = 3) {
    if (types.empty())
      types.assign(3, restart_type::permanent);
    std::vector<supervision_state::child_def> defs;
    const char* names[] = {"a", "b", "c", "d"};
    for (size_t i = 0; i < types.size(); ++i)
      defs.push_back({names[i], types[i]});
    backoff_policy backoff;
    backoff.min = 10ms;
    backoff.jitter = 0;
    supervision_state st{"sup",   strategy, intensity_policy{max_restarts, 10s},
                         backoff, 7,        std::move(defs)};
    for (size_t i = 0; i < st.size(); ++i)
      st.started(i, 100 + i, t0);
    return st;
  }

  bool logged(const std::string& needle) const {
    for (auto& line : lines)
      if (line.find(needle) != std::string::npos)
        return true;
    return false;
  }

  supervision_state::time_point t0{};
  std::vector<std::string> lines;
};

} // namespace

TEST_F(SupervisionState, OneForOneRestartsOnlyTheFailedChild) {
  auto st = make(restart_strategy::one_for_one);
  auto act = st.exited(1, crash, t0 + 1s);
  EXPECT_TRUE(act.stop.empty());
  EXPECT_TRUE(act.start.empty());
  EXPECT_NE(act.plan, 0u);
  EXPECT_EQ(act.delay, 10ms);
  EXPECT_EQ(st.child(1).status, child_status::restarting);
  EXPECT_EQ(st.timer_fired(act.plan).start, idx_list{1});
  st.started(1, 200, t0 + 2s);
  EXPECT_EQ(st.child(1).restarts, 1u);
  EXPECT_EQ(st.child(1).instance, 200u);
  EXPECT_EQ(st.child(1).last_reason, "system_error(runtime_error)");
  EXPECT_EQ(st.child(0).restarts, 0u);
  EXPECT_TRUE(logged("restarting child=b instance=101 "
                     "reason=system_error(runtime_error) attempt=1/3 "
                     "window=10s backoff=10ms"));
  EXPECT_TRUE(logged("restarted child=b instance=200 restarts=1"));
}

TEST_F(SupervisionState, OneForAllStopsSiblingsAndStartsAllInOrder) {
  auto st = make(restart_strategy::one_for_all);
  auto act = st.exited(1, killed, t0);
  EXPECT_EQ(act.stop, (idx_list{2, 0})); // reverse start order
  EXPECT_EQ(st.child(0).status, child_status::stopping);
  // Backoff elapsed, but a sibling is still stopping: wait.
  EXPECT_TRUE(st.timer_fired(act.plan).start.empty());
  EXPECT_TRUE(st.exited(2, shutdown, t0).start.empty());
  auto last = st.exited(0, shutdown, t0);
  EXPECT_EQ(last.start, (idx_list{0, 1, 2}));
  EXPECT_FALSE(last.escalate);
}

TEST_F(SupervisionState, OneForAllWaitsForBackoffAfterSiblingsStopped) {
  auto st = make(restart_strategy::one_for_all);
  auto act = st.exited(0, crash, t0);
  EXPECT_TRUE(st.exited(2, shutdown, t0).start.empty());
  EXPECT_TRUE(st.exited(1, shutdown, t0).start.empty());
  EXPECT_EQ(st.timer_fired(act.plan).start, (idx_list{0, 1, 2}));
  // A plan fires only once.
  EXPECT_TRUE(st.timer_fired(act.plan).start.empty());
}

TEST_F(SupervisionState, RestForOneRestartsLaterSiblingsOnly) {
  auto st = make(restart_strategy::rest_for_one);
  auto act = st.exited(1, crash, t0);
  EXPECT_EQ(act.stop, idx_list{2});
  EXPECT_EQ(st.child(0).status, child_status::running);
  st.exited(2, shutdown, t0);
  EXPECT_EQ(st.timer_fired(act.plan).start, (idx_list{1, 2}));
}

TEST_F(SupervisionState, TemporarySiblingIsStoppedButNotRestarted) {
  auto st = make(restart_strategy::one_for_all,
                 {restart_type::permanent, restart_type::temporary,
                  restart_type::permanent});
  auto act = st.exited(0, crash, t0);
  EXPECT_EQ(act.stop, (idx_list{2, 1}));
  st.exited(1, shutdown, t0);
  st.exited(2, shutdown, t0);
  EXPECT_EQ(st.timer_fired(act.plan).start, (idx_list{0, 2}));
  EXPECT_EQ(st.child(1).status, child_status::stopped);
}

TEST_F(SupervisionState, RestartTypesDecideOnNormalAndAbnormalExits) {
  auto st = make(restart_strategy::one_for_one,
                 {restart_type::permanent, restart_type::transient,
                  restart_type::temporary});
  EXPECT_NE(st.exited(0, caf::error{}, t0).plan, 0u);
  EXPECT_EQ(st.exited(1, caf::error{}, t0).plan, 0u);
  EXPECT_EQ(st.child(1).status, child_status::stopped);
  EXPECT_EQ(st.exited(2, killed, t0).plan, 0u);
  EXPECT_EQ(st.child(2).status, child_status::stopped);
  EXPECT_EQ(st.child(2).last_reason, "exit_reason(kill)");
  EXPECT_TRUE(logged("child stopped, not restarted child=c instance=102 "
                     "type=temporary reason=exit_reason(kill)"));
  auto st2 = make(restart_strategy::one_for_one, {restart_type::transient});
  EXPECT_NE(st2.exited(0, killed, t0).plan, 0u);
}

TEST_F(SupervisionState, ExceedingIntensityEscalates) {
  auto st = make(restart_strategy::one_for_one, {}, 2);
  for (int i = 0; i < 2; ++i) {
    auto act = st.exited(0, crash, t0 + std::chrono::seconds{i});
    ASSERT_FALSE(act.escalate);
    st.timer_fired(act.plan);
    st.started(0, 200 + i, t0 + std::chrono::seconds{i});
  }
  auto act = st.exited(0, crash, t0 + 2s);
  EXPECT_TRUE(act.escalate);
  EXPECT_TRUE(st.shutting_down());
  EXPECT_TRUE(
    actorbus::has_code(st.shutdown_reason(), actorbus::errc::restart_limit));
  EXPECT_TRUE(logged("giving up"));
  EXPECT_TRUE(logged("restarts=3/2"));
  // Orderly: the remaining children stop one by one, last started first.
  EXPECT_EQ(st.next_to_stop(), 2u);
  EXPECT_EQ(st.next_to_stop(), std::nullopt); // waits for c
  st.exited(2, shutdown, t0 + 2s);
  EXPECT_EQ(st.next_to_stop(), 1u);
  st.exited(1, shutdown, t0 + 2s);
  EXPECT_EQ(st.next_to_stop(), std::nullopt);
  EXPECT_TRUE(st.all_stopped());
}

TEST_F(SupervisionState, RestartsOutsideTheWindowDoNotEscalate) {
  auto st = make(restart_strategy::one_for_one, {}, 2);
  for (int i = 0; i < 10; ++i) {
    auto t = t0 + std::chrono::seconds{6 * i};
    auto act = st.exited(0, crash, t);
    ASSERT_FALSE(act.escalate) << "restart " << i;
    st.timer_fired(act.plan);
    st.started(0, 300 + i, t);
  }
  EXPECT_EQ(st.child(0).restarts, 10u);
}

TEST_F(SupervisionState, ShutdownCancelsPendingRestarts) {
  auto st = make(restart_strategy::one_for_one);
  auto act = st.exited(0, crash, t0);
  st.begin_shutdown(shutdown);
  EXPECT_TRUE(st.timer_fired(act.plan).start.empty());
  EXPECT_EQ(st.child(0).status, child_status::stopped);
  EXPECT_EQ(st.next_to_stop(), 2u);
}

TEST_F(SupervisionState, NewPlanAbsorbsPendingRestart) {
  auto st = make(restart_strategy::rest_for_one);
  auto first = st.exited(2, crash, t0); // c waits for its backoff
  EXPECT_TRUE(first.stop.empty());
  auto second = st.exited(0, crash, t0 + 1ms); // a fails: b and c follow it
  EXPECT_EQ(second.stop, idx_list{1});
  // The first plan lost its only member: its timer does nothing.
  EXPECT_TRUE(st.timer_fired(first.plan).start.empty());
  EXPECT_EQ(st.child(2).status, child_status::restarting);
  st.exited(1, shutdown, t0 + 1ms);
  EXPECT_EQ(st.timer_fired(second.plan).start, (idx_list{0, 1, 2}));
}

TEST_F(SupervisionState, SnapshotNamesParent) {
  auto st = make(restart_strategy::one_for_one);
  auto snap = st.snapshot();
  ASSERT_EQ(snap.children.size(), 3u);
  EXPECT_EQ(snap.children[2].name, "c");
  EXPECT_EQ(snap.children[2].parent, "sup");
  EXPECT_EQ(snap.children[2].instance, 102u);
  EXPECT_EQ(snap.children[2].status, child_status::running);
}
