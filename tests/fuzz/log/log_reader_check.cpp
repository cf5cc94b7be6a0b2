#include "tests/fuzz/log/log_reader_check.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "runtime/errc.hpp"
#include "runtime/log/batch_codec.hpp"
#include "runtime/log/fault_injecting_file_system.hpp"
#include "runtime/log/partition_log.hpp"
#include "runtime/log/segment_reader.hpp"

namespace actorbus::log::fuzz {

namespace {

// Asserts that stay on in release builds.
void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "log reader fuzz check failed: %s\n", what);
    std::abort();
  }
}

class bytes_file final : public readable_file {
public:
  explicit bytes_file(std::string_view x) : bytes_(x) {}

  caf::expected<size_t> read(uint64_t pos, size_t size,
                             char* out) const override {
    if (pos >= bytes_.size())
      return size_t{0};
    auto n = bytes_.copy(out, size, pos);
    return n;
  }

  caf::expected<uint64_t> size() const override { return bytes_.size(); }

private:
  std::string_view bytes_;
};

struct scan_result {
  uint64_t valid_end = 0;
  int64_t next_offset = 0;
  bool malformed = false;
};

// Runs the reader to its end and checks every batch against the raw bytes.
scan_result check_reader(std::string_view bytes) {
  bytes_file file{bytes};
  segment_reader in{file, 0, bytes.size()};
  scan_result result;
  uint64_t steps = 0;
  for (;;) {
    require(++steps <= bytes.size() / (min_batch_length + 4) + 2,
            "reader does not terminate");
    auto before = in.position();
    auto status = in.next();
    if (status != frame_status::batch) {
      require(in.position() == before, "reader moved on a bad frame");
      result.valid_end = before;
      result.malformed |= status == frame_status::malformed;
      require(status != frame_status::end || before == bytes.size(),
              "end before the end of the bytes");
      return result;
    }
    auto pos = in.frame_position();
    require(pos == before && in.position() == pos + in.frame_size(),
            "reader skipped bytes");
    require(in.position() <= bytes.size(), "batch past the end");
    auto frame = bytes.substr(pos, in.frame_size());
    require(get_u32(frame.data()) + 4ull == frame.size(), "frame length");
    require(crc32c(frame.data() + 8, frame.size() - 8)
              == get_u32(frame.data() + 4),
            "returned a batch whose CRC fails");
    auto batch = decode_body(in.body());
    require(batch.records.size() == in.summary().record_count, "record count");
    std::string again;
    encode_batch(batch, batch.base_offset, again);
    require(again == frame, "batch does not re-encode to its bytes");
    if (batch.base_offset == result.next_offset && !result.malformed)
      result.next_offset = batch.next_offset();
    else
      result.malformed = true; // an offset gap: corruption for the log
  }
}

void check_recovery(std::string_view bytes, const scan_result& scan) {
  partition_log_options opts;
  opts.topic = "fuzz";
  // As the active segment: recovery keeps exactly the valid prefix.
  {
    fault_injecting_file_system fs;
    fs.set_contents("/d/0.log", std::string{bytes});
    auto log = partition_log::open(fs, "/d", opts);
    if (!log) {
      require(has_code(log.error(), errc::corrupted_log),
              "active segment: unexpected open error");
      require(scan.malformed, "active segment refused without corruption");
      return;
    }
    require(!scan.malformed, "active segment: corruption not refused");
    require(fs.contents("/d/0.log") == bytes.substr(0, scan.valid_end),
            "recovery kept the wrong prefix");
    auto xs = (*log)->read_batches(0, 1 << 30);
    require(static_cast<bool>(xs), "reading the recovered log failed");
    std::string encoded;
    for (auto& b : *xs)
      encode_batch(b, b.base_offset, encoded);
    require(encoded == bytes.substr(0, scan.valid_end),
            "read back bytes that were not on disk");
  }
  // As a sealed segment (followed by an empty active one where the valid
  // batches end): anything but a fully valid segment is refused.
  if (scan.next_offset == 0)
    return; // no valid batch: there is no "next" segment to put after it
  fault_injecting_file_system fs;
  fs.set_contents("/d/0.log", std::string{bytes});
  fs.set_contents("/d/" + std::to_string(scan.next_offset) + ".log", "");
  auto log = partition_log::open(fs, "/d", opts);
  auto valid = scan.valid_end == bytes.size() && !scan.malformed;
  require(static_cast<bool>(log) == valid, "sealed segment misjudged");
  if (!log)
    require(has_code(log.error(), errc::corrupted_log),
            "sealed segment: unexpected open error");
}

} // namespace

void check_segment_bytes(std::string_view bytes) {
  auto scan = check_reader(bytes);
  check_recovery(bytes, scan);
}

} // namespace actorbus::log::fuzz
