// libFuzzer entry point (clang builds): arbitrary bytes as a segment file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "runtime/logging/logger.hpp"
#include "tests/fuzz/log/log_reader_check.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  actorbus::logging::default_logger().set_level(actorbus::logging::level::off);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  actorbus::log::fuzz::check_segment_bytes(
    std::string_view{reinterpret_cast<const char*>(data), size});
  return 0;
}
