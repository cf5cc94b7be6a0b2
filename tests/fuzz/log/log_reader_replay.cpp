// Replays the checked-in corpus (and deterministic mutations of every file)
// through the log reader checks; the ctest stand-in for the libFuzzer
// binary on compilers without libFuzzer. Usage: log-reader-fuzz-replay DIR
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "runtime/logging/logger.hpp"
#include "tests/fuzz/log/log_reader_check.hpp"

namespace {

using actorbus::log::fuzz::check_segment_bytes;

// Bit flips, truncations, overwritten length/CRC words and inserted zeros
// at every position (up to 512 positions per file), plus seeded random
// multi-byte damage.
size_t replay_mutations(const std::string& input, uint64_t seed) {
  size_t runs = 0;
  auto run = [&](const std::string& x) {
    check_segment_bytes(x);
    ++runs;
  };
  auto n = input.size();
  auto stride = std::max<size_t>(1, n / 512);
  for (size_t i = 0; i < n; i += stride) {
    auto x = input;
    x[i] = static_cast<char>(x[i] ^ (1 << (i % 8)));
    run(x);
    run(input.substr(0, i));
    for (char fill : {'\0', '\xFF'}) {
      x = input;
      std::fill_n(x.begin() + i, std::min<size_t>(4, n - i), fill);
      run(x);
    }
    x = input;
    x.insert(i, 8, '\0');
    run(x);
  }
  std::mt19937_64 rng{seed};
  for (int k = 0; k < 64 && n > 0; ++k) {
    auto x = input;
    for (int j = 0, m = 1 + static_cast<int>(rng() % 4); j < m; ++j)
      x[rng() % n] = static_cast<char>(rng());
    run(x);
  }
  return runs;
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  actorbus::logging::default_logger().set_level(actorbus::logging::level::off);
  std::vector<std::filesystem::path> files;
  for (auto& entry : std::filesystem::directory_iterator{argv[1]})
    if (entry.is_regular_file())
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::fprintf(stderr, "empty corpus: %s\n", argv[1]);
    return 1;
  }
  const uint64_t seed = 20261126;
  std::printf("replaying %zu corpus files, mutation seed %llu\n", files.size(),
              static_cast<unsigned long long>(seed));
  size_t runs = 0;
  for (auto& path : files) {
    std::ifstream in{path, std::ios::binary};
    std::string bytes{std::istreambuf_iterator<char>{in}, {}};
    check_segment_bytes(bytes);
    runs += 1 + replay_mutations(bytes, seed);
  }
  std::printf("ok: %zu inputs\n", runs);
  return 0;
}
