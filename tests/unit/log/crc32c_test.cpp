// The accelerated CRC-32C must equal Boost.CRC's on every input: logs are
// read back on machines with and without the crc32 instruction.
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "runtime/log/crc32c.hpp"

using actorbus::log::crc32c;
using actorbus::log::crc32c_portable;

TEST(Crc32c, KnownVectors) {
  // RFC 3720 (iSCSI) B.4 check value and test vectors.
  std::string digits = "123456789";
  EXPECT_EQ(crc32c(digits.data(), digits.size()), 0xE3069283u);
  EXPECT_EQ(crc32c_portable(digits.data(), digits.size()), 0xE3069283u);
  std::string zeros(32, '\0');
  EXPECT_EQ(crc32c(zeros.data(), zeros.size()), 0x8A9136AAu);
  std::string ones(32, '\xFF');
  EXPECT_EQ(crc32c(ones.data(), ones.size()), 0x62A8AB43u);
  EXPECT_EQ(crc32c(nullptr, 0), 0u);
}

TEST(Crc32c, EqualsBoostForEveryLengthAndAlignment) {
  std::mt19937 gen{42};
  std::string buf(4096 + 16, '\0');
  for (auto& c : buf)
    c = static_cast<char>(gen());
  for (size_t align = 0; align < 8; ++align)
    for (size_t len = 0; len < 300; ++len)
      ASSERT_EQ(crc32c(buf.data() + align, len),
                crc32c_portable(buf.data() + align, len))
        << "align " << align << " length " << len;
  EXPECT_EQ(crc32c(buf.data() + 3, 4096), crc32c_portable(buf.data() + 3, 4096));
}

TEST(Crc32c, DetectsASingleFlippedBit) {
  std::string data(1000, 'x');
  auto before = crc32c(data.data(), data.size());
  data[517] ^= 0x10;
  EXPECT_NE(crc32c(data.data(), data.size()), before);
}
