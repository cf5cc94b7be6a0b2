// One test per reader path, in the style of leveldb's log_test: build a log,
// damage its files through the fault-injecting file system, reopen, and
// check what recovery keeps, drops and refuses.
#include <random>

#include "tests/unit/log/log_test_support.hpp"

using namespace actorbus;
using namespace actorbus::log;
using namespace actorbus::log::test;

namespace {

class LogReader : public log_fixture {
public:
  void SetUp() override { ASSERT_FALSE(reopen()); }

  /// Replaces the bytes of a file (after closing the log).
  template <class F>
  void edit(const std::string& file, F&& fn) {
    log.reset();
    auto bytes = fs.contents(file);
    fn(bytes);
    fs.set_contents(file, bytes);
  }

  void expect_corruption(const std::string& segment, uint64_t position) {
    auto err = reopen();
    ASSERT_TRUE(has_code(err, errc::corrupted_log)) << render(err);
    auto text = render(err);
    auto where
      = "orders/0 segment " + segment + " at byte " + std::to_string(position);
    EXPECT_NE(text.find(where), std::string::npos) << text;
  }

  /// Size of the frame at `pos` in `bytes`.
  static uint64_t frame_at(const std::string& bytes, uint64_t pos) {
    return get_u32(bytes.data() + pos) + 4ull;
  }

  /// Positions of all frames in a valid segment.
  static std::vector<uint64_t> frames(const std::string& bytes) {
    std::vector<uint64_t> result;
    for (uint64_t pos = 0; pos < bytes.size(); pos += frame_at(bytes, pos))
      result.push_back(pos);
    return result;
  }
};

} // namespace

TEST_F(LogReader, EmptyLog) {
  EXPECT_EQ(log->start_offset(), 0);
  EXPECT_EQ(log->end_offset(), 0);
  EXPECT_EQ(log->durable_end_offset(), 0);
  auto xs = log->read(0, 1000);
  ASSERT_TRUE(xs);
  EXPECT_TRUE(xs->empty());
  EXPECT_TRUE(fs.exists(seg(0)));
  ASSERT_FALSE(reopen());
  EXPECT_EQ(log->end_offset(), 0);
  EXPECT_EQ(log->stats().recovered_bytes_dropped, 0u);
  EXPECT_EQ(append(1), 0);
}

TEST_F(LogReader, ManyRecordsReadBackByteForByte) {
  uint64_t seed = 42;
  std::mt19937_64 rng{seed};
  SCOPED_TRACE("seed=" + std::to_string(seed));
  opts.segment_bytes = 64 * 1024;
  ASSERT_FALSE(reopen());
  while (expected.size() < 5000)
    append(1 + rng() % 40, rng() % 300);
  EXPECT_EQ(read_all(), expected);
  ASSERT_FALSE(reopen());
  EXPECT_EQ(log->end_offset(), static_cast<int64_t>(expected.size()));
  EXPECT_EQ(read_all(7000), expected);
  EXPECT_GT(log->stats().segments, 5u);
}

TEST_F(LogReader, ZeroLengthFieldsRoundTrip) {
  ASSERT_TRUE(log->append(make_batch({make_record(0, "")})));
  ASSERT_TRUE(log->append(make_batch({make_record(-5, "", "", {{"", ""}})})));
  ASSERT_FALSE(reopen());
  auto xs = log->read(0, 0, 1);
  ASSERT_TRUE(xs);
  ASSERT_EQ(xs->size(), 1u);
  EXPECT_EQ((*xs)[0].payload, "");
  EXPECT_EQ(log->read(0, 0)->size(), 2u); // zero-byte records cost nothing
  xs = log->read(1, 1000);
  ASSERT_TRUE(xs);
  ASSERT_EQ(xs->size(), 1u);
  EXPECT_EQ((*xs)[0].timestamp, -5);
  EXPECT_EQ((*xs)[0].headers, (std::vector<record_header>{{"", ""}}));
}

TEST_F(LogReader, MaximumSizePayload) {
  opts.max_batch_bytes = 100000;
  ASSERT_FALSE(reopen());
  auto batch = make_batch({make_record(1, "")});
  batch.records[0].payload = payload_for(7, 100000 - encoded_size(batch));
  ASSERT_EQ(encoded_size(batch), 100000u);
  ASSERT_TRUE(log->append(batch));
  batch.records[0].payload += 'x';
  auto too_big = log->append(batch);
  ASSERT_FALSE(too_big);
  EXPECT_TRUE(has_code(too_big.error(), errc::payload_too_large));
  EXPECT_FALSE(log->failed());
  ASSERT_FALSE(reopen());
  auto xs = log->read(0, 1);
  ASSERT_TRUE(xs);
  ASSERT_EQ(xs->size(), 1u);
  EXPECT_EQ((*xs)[0].payload, payload_for(7, 100000 - 62));
  EXPECT_EQ(append(1), 1);
}

TEST_F(LogReader, TruncatedHeaderIsCleanEndOfActiveSegment) {
  append(3);
  append(3);
  auto good = fs.contents(seg(0));
  edit(seg(0), [&](std::string& b) { b += good.substr(0, 5); });
  ASSERT_FALSE(reopen());
  EXPECT_EQ(log->stats().recovered_bytes_dropped, 5u);
  EXPECT_EQ(fs.contents(seg(0)), good);
  EXPECT_EQ(read_all(), expected);
}

TEST_F(LogReader, TruncatedPayloadIsCleanEndOfActiveSegment) {
  append(3);
  append(3);
  auto pos = frames(fs.contents(seg(0))).back();
  edit(seg(0), [&](std::string& b) { b.resize(b.size() - 17); });
  ASSERT_FALSE(reopen());
  EXPECT_EQ(fs.contents(seg(0)).size(), pos);
  expected.resize(3);
  EXPECT_EQ(read_all(), expected);
  EXPECT_EQ(log->end_offset(), 3);
}

TEST_F(LogReader, BadLengthInActiveSegmentIsTornTail) {
  append(2);
  append(2);
  auto pos = frames(fs.contents(seg(0))).back();
  auto size = fs.contents(seg(0)).size();
  edit(seg(0), [&](std::string& b) {
    for (int i = 0; i < 4; ++i)
      b[pos + i] = '\xFF';
  });
  ASSERT_FALSE(reopen());
  EXPECT_EQ(log->stats().recovered_bytes_dropped, size - pos);
  EXPECT_EQ(fs.contents(seg(0)).size(), pos);
  expected.resize(2);
  EXPECT_EQ(read_all(), expected);
}

TEST_F(LogReader, BadCrcInActiveSegmentTruncatesFromThatBatch) {
  append(2);
  append(2);
  append(2);
  auto pos = frames(fs.contents(seg(0)))[1];
  auto size = fs.contents(seg(0)).size();
  edit(seg(0), [&](std::string& b) { b[pos + 60] ^= 0x01; });
  ASSERT_FALSE(reopen());
  EXPECT_EQ(log->stats().recovered_bytes_dropped, size - pos);
  expected.resize(2);
  EXPECT_EQ(read_all(), expected);
}

TEST_F(LogReader, TrailingZerosInActiveSegmentAreDropped) {
  append(4);
  edit(seg(0), [&](std::string& b) { b.append(1000, '\0'); });
  ASSERT_FALSE(reopen());
  EXPECT_EQ(log->stats().recovered_bytes_dropped, 1000u);
  EXPECT_EQ(read_all(), expected);
  EXPECT_EQ(append(1), 4);
}

TEST_F(LogReader, TornTailInActiveVersusSealedSegment) {
  fill_segments(2);
  auto first_size = fs.contents(seg(0)).size();
  ASSERT_TRUE(fs.exists(seg(25))) << "segment layout changed";
  append(1);
  // Torn tail in the active segment: dropped.
  edit(seg(25), [&](std::string& b) { b.resize(b.size() - 3); });
  ASSERT_FALSE(reopen());
  EXPECT_GT(log->stats().recovered_bytes_dropped, 0u);
  expected.pop_back();
  EXPECT_EQ(read_all(), expected);
  // The same damage in a sealed segment: the partition is refused.
  auto last = frames(fs.contents(seg(0))).back();
  edit(seg(0), [&](std::string& b) { b.resize(b.size() - 3); });
  expect_corruption("0.log", last);
  EXPECT_LT(fs.contents(seg(0)).size(), first_size);
}

TEST_F(LogReader, BadCrcInSealedSegmentIsCorruption) {
  fill_segments(2);
  auto pos = frames(fs.contents(seg(0)))[2];
  edit(seg(0), [&](std::string& b) { b[pos + 70] ^= 0x40; });
  expect_corruption("0.log", pos);
  EXPECT_TRUE(has_code(reopen(), errc::corrupted_log)); // stays refused
}

TEST_F(LogReader, BadCrcInSealedSegmentFoundByReadWithoutVerification) {
  opts.verify_sealed_segments = false;
  ASSERT_FALSE(reopen());
  fill_segments(2);
  auto pos = frames(fs.contents(seg(0)))[1];
  edit(seg(0), [&](std::string& b) { b[pos + 70] ^= 0x40; });
  ASSERT_FALSE(reopen());
  auto xs = log->read(0, 1 << 20);
  ASSERT_FALSE(xs);
  EXPECT_TRUE(has_code(xs.error(), errc::corrupted_log));
  EXPECT_NE(
    render(xs.error()).find("segment 0.log at byte " + std::to_string(pos)),
    std::string::npos);
}

TEST_F(LogReader, BadLengthInSealedSegmentIsCorruption) {
  fill_segments(2);
  auto pos = frames(fs.contents(seg(0)))[1];
  edit(seg(0), [&](std::string& b) {
    std::string len;
    put_u32(len, 12);
    b.replace(pos, 4, len);
  });
  expect_corruption("0.log", pos);
}

TEST_F(LogReader, TrailingZerosInSealedSegmentAreCorruption) {
  fill_segments(2);
  auto size = fs.contents(seg(0)).size();
  edit(seg(0), [&](std::string& b) { b.append(64, '\0'); });
  expect_corruption("0.log", size);
}

TEST_F(LogReader, GoodCrcButMalformedBatchIsCorruptionEvenWhenActive) {
  append(2);
  append(2);
  auto pos = frames(fs.contents(seg(0))).back();
  edit(seg(0), [&](std::string& b) {
    b[pos + 8] = 7; // unknown magic
    std::string crc;
    put_u32(crc, crc32c(b.data() + pos + 8, frame_at(b, pos) - 8));
    b.replace(pos + 4, 4, crc);
  });
  expect_corruption("0.log", pos);
}

TEST_F(LogReader, DuplicatedBatchIsCorruptionNotTornTail) {
  append(2);
  auto good = fs.contents(seg(0));
  edit(seg(0), [&](std::string& b) { b += good; });
  expect_corruption("0.log", good.size());
}

TEST_F(LogReader, MissingSegmentInTheMiddleIsCorruption) {
  fill_segments(3);
  log.reset();
  ASSERT_TRUE(fs.exists(seg(25))) << "segment layout changed";
  ASSERT_FALSE(fs.remove(seg(25)));
  auto err = reopen();
  EXPECT_TRUE(has_code(err, errc::corrupted_log)) << render(err);
  EXPECT_NE(render(err).find("previous one ends at"), std::string::npos);
}

TEST_F(LogReader, ReopenAndAppendAfterRecovery) {
  append(3);
  append(3);
  edit(seg(0), [&](std::string& b) { b.resize(b.size() - 1); });
  ASSERT_FALSE(reopen());
  expected.resize(3);
  EXPECT_EQ(append(4), 3);
  ASSERT_FALSE(log->sync());
  ASSERT_FALSE(reopen());
  EXPECT_EQ(log->stats().recovered_bytes_dropped, 0u);
  EXPECT_EQ(read_all(), expected);
  EXPECT_EQ(log->end_offset(), 7);
}

TEST_F(LogReader, SegmentRollBoundaries) {
  // A batch of 5 x 100 payload bytes is 792 bytes: 5 fit in 4096 bytes.
  append(5);
  auto batch_bytes = fs.contents(seg(0)).size();
  opts.segment_bytes = batch_bytes * 3; // exactly three batches per segment
  ASSERT_FALSE(reopen());
  for (int i = 0; i < 8; ++i)
    append(5);
  EXPECT_EQ(log->stats().segments, 3u);
  EXPECT_EQ(fs.contents(seg(0)).size(), batch_bytes * 3);
  EXPECT_EQ(fs.contents(seg(15)).size(), batch_bytes * 3);
  EXPECT_EQ(fs.contents(seg(30)).size(), batch_bytes * 3);
  EXPECT_TRUE(fs.exists(path("0.index")));
  EXPECT_TRUE(fs.exists(path("15.timeindex")));
  EXPECT_FALSE(fs.exists(path("30.index")));
  // A batch larger than a segment gets a segment of its own.
  append(20, 200);
  append(1);
  EXPECT_TRUE(fs.exists(seg(45)));
  EXPECT_TRUE(fs.exists(seg(65)));
  // Reads starting at every offset cross the boundaries correctly.
  for (int64_t from = 0; from <= log->end_offset(); ++from) {
    auto xs = log->read(from, 3000);
    ASSERT_TRUE(xs);
    for (size_t i = 0; i < xs->size(); ++i)
      ASSERT_EQ((*xs)[i], expected[from + i]) << "from " << from;
  }
  ASSERT_FALSE(reopen());
  EXPECT_EQ(read_all(), expected);
  EXPECT_EQ(log->stats().indexes_rebuilt, 0u);
}

TEST_F(LogReader, MissingOrDamagedIndexIsRebuilt) {
  fill_segments(4);
  ASSERT_FALSE(reopen());
  auto index0 = fs.contents(path("0.index"));
  auto time1 = fs.contents(path("25.timeindex"));
  ASSERT_FALSE(index0.empty());
  ASSERT_FALSE(time1.empty());
  log.reset();
  ASSERT_FALSE(fs.remove(path("0.index")));
  auto damaged = time1;
  damaged[20] ^= 1;
  fs.set_contents(path("25.timeindex"), damaged);
  ASSERT_FALSE(reopen());
  EXPECT_EQ(log->stats().indexes_rebuilt, 2u);
  EXPECT_EQ(fs.contents(path("0.index")), index0);
  EXPECT_EQ(fs.contents(path("25.timeindex")), time1);
  EXPECT_EQ(read_all(), expected);
  // An index describing a different segment size is rebuilt too.
  log.reset();
  fs.set_contents(path("0.index"), fs.contents(path("25.index")));
  ASSERT_FALSE(reopen());
  EXPECT_EQ(log->stats().indexes_rebuilt, 1u);
  EXPECT_EQ(fs.contents(path("0.index")), index0);
}

TEST_F(LogReader, StaleFilesAreCleanedUp) {
  fill_segments(2);
  log.reset();
  fs.set_contents(path("0.index.tmp"), "partial");
  fs.set_contents(path("99.index"), "orphan");
  fs.set_contents(path("notes.txt"), "ignored");
  ASSERT_FALSE(reopen());
  EXPECT_FALSE(fs.exists(path("0.index.tmp")));
  EXPECT_FALSE(fs.exists(path("99.index")));
  EXPECT_TRUE(fs.exists(path("notes.txt")));
  EXPECT_EQ(read_all(), expected);
}
