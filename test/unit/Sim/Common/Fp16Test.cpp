// The simulator's fp16 rounding: the inline fast path (fp16 normal range) agrees bit for
// bit with the conversion through binary16 bits. (Checked over all 2^32 inputs when the
// fast path was written; here a stride through every exponent plus the range boundaries.)
#include "accel/Sim/Common/Fp16.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace accel::sim;

namespace {

uint32_t bits(float f) {
  uint32_t x;
  std::memcpy(&x, &f, 4);
  return x;
}

float fromBits(uint32_t x) {
  float f;
  std::memcpy(&f, &x, 4);
  return f;
}

} // namespace

TEST(WseFp16, FastPathMatchesBitConversion) {
  auto check = [](uint32_t x) {
    float v = fromBits(x);
    ASSERT_EQ(bits(roundToFp16(v)), bits(roundToFp16Slow(v))) << std::hex << "input 0x" << x;
  };
  for (uint64_t x = 0; x <= 0xffffffffull; x += 4093)
    check(uint32_t(x));
  // Boundaries: smallest normal, largest finite, the overflow tie, ties to even, NaN, inf.
  for (uint32_t edge : {0x38800000u, 0x387fffffu, 0x477fe000u, 0x477fefffu, 0x477ff000u,
                        0x477fffffu, 0x3f801000u, 0x3f803000u, 0x3f800fffu, 0x7f800000u,
                        0x7fc00001u, 0x33000000u, 0x33000001u, 0u})
    for (uint32_t sign : {0u, 0x80000000u})
      for (int d = -2; d <= 2; ++d)
        check((edge | sign) + uint32_t(d));
  EXPECT_EQ(roundToFp16(65504.0f), 65504.0f);
  EXPECT_EQ(bits(roundToFp16(65520.0f)), bits(fromBits(0x7f800000u)));
  EXPECT_EQ(roundToFp16(1.0f + 1.0f / 2048), 1.0f);          // tie to even (down)
  EXPECT_EQ(roundToFp16(1.0f + 3.0f / 2048), 1.0f + 1.0f / 512); // tie to even (up)
}
