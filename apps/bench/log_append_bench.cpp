// log-append-bench: append throughput of the durable partition log (256-byte
// events, batch sizes 1/16/256/1000, policies always/interval/none) next to
// the raw limits of the same disk measured in the same run: a loop of
// write + fdatasync with the same byte counts, and sequential write
// bandwidth. Prints one line per measurement:
//   peer=<actorbus|limits> metric=<name> value=<number> unit=<unit>
//   note=<k=v;...>
// Data lives in a fresh mktemp directory under $TMPDIR (or /tmp), removed at
// the end. Options: --bench.seconds=<s per case> --bench.event-bytes=<n>.
// `always` is measured twice: append + sync on one thread, and with the
// fdatasync on a second thread (note sync_thread=1), as a broker would run it.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <string>
#include <vector>

#include "caf/actor_system_config.hpp"

#include "runtime/errc.hpp"
#include "runtime/log/batch_codec.hpp"
#include "runtime/log/durability_policy.hpp"
#include "runtime/log/partition_log.hpp"
#include "runtime/log/posix_file_system.hpp"
#include "runtime/logging/logger.hpp"

namespace {

using namespace actorbus;
using namespace actorbus::log;
using steady = std::chrono::steady_clock;

struct bench_config : caf::actor_system_config {
  double seconds = 1.5;
  size_t event_bytes = 256;

  bench_config() {
    opt_group{custom_options_, "bench"}
      .add(seconds, "seconds", "measuring time per case in seconds")
      .add(event_bytes, "event-bytes", "payload bytes per event");
  }
};

struct result {
  double events_per_s;
  double mb_per_s;
};

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "log-append-bench: %s\n", what.c_str());
  std::exit(1);
}

void print(const char* peer, const std::string& metric, double value,
           const char* unit, const std::string& note) {
  std::printf("peer=%s metric=%s value=%.1f unit=%s note=%s\n", peer,
              metric.c_str(), value, unit, note.c_str());
  std::fflush(stdout);
}

record_batch make_events(size_t n, size_t bytes) {
  record_batch b;
  b.records.resize(n);
  for (size_t i = 0; i < n; ++i) {
    b.records[i].timestamp = 1'700'000'000'000 + static_cast<int64_t>(i);
    b.records[i].payload.assign(bytes, static_cast<char>('a' + i % 26));
  }
  return b;
}

// Runs `step` (which handles `per_step` events and `bytes` bytes) until
// `seconds` passed and at least 3 steps ran.
template <class F>
result measure(double seconds, size_t per_step, size_t bytes, F&& step) {
  auto t0 = steady::now();
  auto deadline = t0 + std::chrono::duration<double>(seconds);
  size_t steps = 0;
  do {
    step();
    ++steps;
  } while (steps < 3 || steady::now() < deadline);
  std::chrono::duration<double> took = steady::now() - t0;
  return {static_cast<double>(steps * per_step) / took.count(),
          static_cast<double>(steps * bytes) / took.count() / 1e6};
}

// write + fdatasync of `bytes` per step, or plain writes if !sync.
result raw_loop(const std::string& path, double seconds, size_t events,
                size_t bytes, bool sync) {
  auto fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
  if (fd < 0)
    die("cannot open " + path);
  std::string buf(bytes, 'x');
  auto r = measure(seconds, events, bytes, [&] {
    if (::write(fd, buf.data(), buf.size()) != static_cast<ssize_t>(bytes))
      die("write failed");
    if (sync && ::fdatasync(fd) != 0)
      die("fdatasync failed");
  });
  ::close(fd);
  std::filesystem::remove(path);
  return r;
}

result log_loop(const std::string& dir, double seconds,
                const record_batch& batch, durability mode) {
  partition_log_options opts;
  opts.topic = "bench";
  auto log = partition_log::open(posix_file_system::instance(), dir, opts);
  if (!log)
    die(render(log.error()));
  durability_policy policy{mode, std::chrono::milliseconds{50}};
  policy.synced((*log)->durable_end_offset());
  auto bytes = encoded_size(batch);
  auto r = measure(seconds, batch.records.size(), bytes, [&] {
    if (auto x = (*log)->append(batch); !x)
      die(render(x.error()));
    policy.appended((*log)->end_offset());
    if (policy.sync_now()) {
      if (auto err = (*log)->sync())
        die(render(err));
      policy.synced((*log)->durable_end_offset());
    }
  });
  log->reset();
  std::filesystem::remove_all(dir);
  return r;
}

// `always` with the fdatasync on a second thread (begin_sync / run /
// end_sync): batch k+1 is encoded and written while batch k is synced; a
// batch counts only once the sync covering it has completed.
result pipelined_loop(const std::string& dir, double seconds,
                      const record_batch& batch) {
  partition_log_options opts;
  opts.topic = "bench";
  auto log = partition_log::open(posix_file_system::instance(), dir, opts);
  if (!log)
    die(render(log.error()));
  auto& lg = **log;
  std::future<caf::error> inflight;
  caf::expected<pending_sync> p{caf::error{}};
  auto finish = [&] {
    if (auto err = lg.end_sync(*p, inflight.get()))
      die(render(err));
  };
  auto t0 = steady::now();
  auto deadline = t0 + std::chrono::duration<double>(seconds);
  do {
    if (auto x = lg.append(batch); !x)
      die(render(x.error()));
    if (inflight.valid())
      finish();
    p = lg.begin_sync();
    if (!p)
      die(render(p.error()));
    inflight = std::async(std::launch::async, [&p] { return p->run(); });
  } while (lg.durable_end_offset() < 3 || steady::now() < deadline);
  finish();
  std::chrono::duration<double> took = steady::now() - t0;
  auto events = static_cast<double>(lg.durable_end_offset());
  auto batches = events / static_cast<double>(batch.records.size());
  log->reset();
  std::filesystem::remove_all(dir);
  return {events / took.count(), batches
                                   * static_cast<double>(encoded_size(batch))
                                   / took.count() / 1e6};
}

} // namespace

int main(int argc, char** argv) {
  bench_config cfg;
  if (auto err = cfg.parse(argc, argv))
    die(cfg.render(err));
  if (cfg.cli_helptext_printed)
    return 0;
  logging::default_logger().set_level(logging::level::warn);
  auto base
    = std::filesystem::temp_directory_path() / "log-append-bench-XXXXXX";
  std::string tmpl = base.string();
  if (::mkdtemp(tmpl.data()) == nullptr)
    die("mkdtemp failed for " + tmpl);
  const std::string root = tmpl;
  auto common
    = "event_bytes=" + std::to_string(cfg.event_bytes) + ";dir=" + root;
  // Sequential write bandwidth: 1 MiB writes, one fdatasync at the end.
  {
    auto path = root + "/seq";
    auto fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::string buf(1 << 20, 'x');
    auto r = measure(cfg.seconds, 1, buf.size(), [&] {
      if (::write(fd, buf.data(), buf.size())
          != static_cast<ssize_t>(buf.size()))
        die("write failed");
    });
    auto t0 = steady::now();
    ::fdatasync(fd);
    std::chrono::duration<double> flush = steady::now() - t0;
    ::close(fd);
    auto written = r.mb_per_s * cfg.seconds;
    print("limits", "seq_write_bandwidth",
          written / (cfg.seconds + flush.count()), "MB/s",
          "chunk=1MiB;fdatasync_at_end=1;" + common);
    std::filesystem::remove(path);
  }
  for (size_t n : {1, 16, 256, 1000}) {
    auto batch = make_events(n, cfg.event_bytes);
    auto bytes = encoded_size(batch);
    auto note = "batch=" + std::to_string(n)
                + ";bytes_per_write=" + std::to_string(bytes) + ";" + common;
    auto raw = raw_loop(root + "/raw", cfg.seconds, n, bytes, true);
    print("limits", "write_fdatasync_events", raw.events_per_s, "events/s",
          note);
    print("limits", "write_fdatasync_mb", raw.mb_per_s, "MB/s", note);
    auto raw_nosync = raw_loop(root + "/raw", cfg.seconds, n, bytes, false);
    print("limits", "write_events", raw_nosync.events_per_s, "events/s", note);
    for (auto mode :
         {durability::always, durability::interval, durability::none}) {
      auto r = log_loop(root + "/log", cfg.seconds, batch, mode);
      auto pnote = "policy=" + std::string{to_string(mode)} + ";" + note;
      print("actorbus", "append_events", r.events_per_s, "events/s", pnote);
      print("actorbus", "append_mb", r.mb_per_s, "MB/s", pnote);
      if (mode == durability::always)
        print("actorbus", "always_vs_write_fdatasync",
              100.0 * r.events_per_s / raw.events_per_s, "percent", note);
    }
    auto piped = pipelined_loop(root + "/log", cfg.seconds, batch);
    auto pnote = "policy=always;sync_thread=1;" + note;
    print("actorbus", "append_events", piped.events_per_s, "events/s", pnote);
    print("actorbus", "append_mb", piped.mb_per_s, "MB/s", pnote);
    print("actorbus", "always_vs_write_fdatasync",
          100.0 * piped.events_per_s / raw.events_per_s, "percent",
          "sync_thread=1;" + note);
  }
  std::filesystem::remove_all(root);
  return 0;
}
