//===- WseFp16Test.cpp - The inline fp16 rounding equals the reference ----===//
#include "../../../../lib/Sim/WSE/Fp16.h"

#include <gtest/gtest.h>

#include <cstring>

namespace {

using accel::sim::wse::roundToFp16;
using accel::sim::wse::roundToFp16Fast;

bool sameBits(float a, float b) {
  uint32_t x, y;
  std::memcpy(&x, &a, 4);
  std::memcpy(&y, &b, 4);
  return x == y;
}

TEST(WseFp16, FastRoundingEqualsReference) {
  // Every 4099th bit pattern (covers every exponent, both signs, NaNs and infinities),
  // plus the edges of binary16's normal range and its rounding ties.
  uint64_t checked = 0;
  for (uint64_t u = 0; u <= 0xffffffffull; u += 4099) {
    uint32_t bits = static_cast<uint32_t>(u);
    float v;
    std::memcpy(&v, &bits, 4);
    float ref = roundToFp16(v), fast = roundToFp16Fast(v);
    if (v != v) {
      EXPECT_TRUE(fast != fast) << std::hex << bits;
      continue;
    }
    ASSERT_TRUE(sameBits(ref, fast)) << std::hex << bits << ": " << ref << " vs " << fast;
    ++checked;
  }
  EXPECT_GT(checked, 1000000u);
  for (float v : {6.1035156e-05f, 6.1035153e-05f, 65504.0f, 65519.99f, 65520.0f, 2049.0f,
                  2051.0f, -2049.0f, 1.0009766f, 1.0004883f, 1.0014648f})
    EXPECT_TRUE(sameBits(roundToFp16(v), roundToFp16Fast(v))) << v;
}

} // namespace
