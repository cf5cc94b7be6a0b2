#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/errc.hpp"
#include "runtime/log/batch_codec.hpp"
#include "runtime/log/fault_injecting_file_system.hpp"
#include "runtime/log/partition_log.hpp"

namespace actorbus::log::test {

/// Deterministic payload bytes for record `i` (every byte value occurs).
inline std::string payload_for(int64_t i, size_t size) {
  std::string out(size, '\0');
  for (size_t j = 0; j < size; ++j)
    out[j] = static_cast<char>((i * 131 + static_cast<int64_t>(j) * 7) & 0xFF);
  return out;
}

inline record make_record(int64_t ts, std::string payload, std::string key = {},
                          std::vector<record_header> headers = {}) {
  record x;
  x.timestamp = ts;
  x.key = std::move(key);
  x.headers = std::move(headers);
  x.payload = std::move(payload);
  return x;
}

inline record_batch make_batch(std::vector<record> records,
                               std::string producer = {},
                               int64_t base_sequence = -1) {
  record_batch b;
  b.producer_id = std::move(producer);
  b.base_sequence = base_sequence;
  b.records = std::move(records);
  return b;
}

/// A partition log on the fault-injecting file system, plus the records
/// appended so far (`expected`, with offsets) to compare reads against.
class log_fixture : public ::testing::Test {
public:
  log_fixture() {
    opts.topic = "orders";
    opts.partition = 0;
    opts.segment_bytes = 4096;
    opts.index_interval_bytes = 256;
  }

  /// Closes (if open) and reopens the log; returns the open error.
  caf::error reopen() {
    log.reset();
    auto x = partition_log::open(fs, dir, opts);
    if (!x)
      return std::move(x.error());
    log = std::move(*x);
    return caf::none;
  }

  /// Appends one batch of `n` records of `size` payload bytes each, with
  /// timestamp = 1000 + offset; remembers them in `expected`.
  int64_t append(size_t n, size_t size = 100) {
    std::vector<record> xs;
    auto next = log->end_offset();
    for (size_t i = 0; i < n; ++i) {
      auto off = next + static_cast<int64_t>(i);
      auto key = std::to_string(off);
      key.insert(0, 8 - std::min<size_t>(8, key.size()), '0');
      xs.push_back(make_record(1000 + off, payload_for(off, size), key,
                               {{"type", "order_placed"}}));
    }
    auto base = log->append(make_batch(xs, "producer-1", next));
    EXPECT_TRUE(base) << render(base.error());
    for (size_t i = 0; i < n; ++i) {
      xs[i].offset = next + static_cast<int64_t>(i);
      expected.push_back(xs[i]);
    }
    return base ? *base : -1;
  }

  /// Reads every record from start_offset() in chunks of `max_bytes`.
  std::vector<record> read_all(size_t max_bytes = 1000) {
    std::vector<record> result;
    auto next = log->start_offset();
    for (;;) {
      auto xs = log->read(next, max_bytes);
      EXPECT_TRUE(xs) << render(xs.error());
      if (!xs || xs->empty())
        return result;
      next = xs->back().offset + 1;
      for (auto& x : *xs)
        result.push_back(std::move(x));
    }
  }

  std::string path(const std::string& name) const {
    return join_path(dir, name);
  }

  std::string seg(int64_t base) const {
    return path(std::to_string(base) + ".log");
  }

  /// Appends batches of 5 x 100 bytes until the log has `n` segments.
  void fill_segments(size_t n) {
    while (log->stats().segments < n)
      append(5);
  }

  fault_injecting_file_system fs;
  std::string dir = "/data/orders/0";
  partition_log_options opts;
  std::unique_ptr<partition_log> log;
  std::vector<record> expected;
};

} // namespace actorbus::log::test
