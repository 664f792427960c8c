//===- Fp16.h - IEEE binary16 rounding of 32-bit values ---------*- C++ -*-===//
//
// Shared by every simulator that models fp16 storage (WSE, IPU): one rounding, tested once
// (test/unit/Sim/Common/Fp16Test.cpp).
//
#ifndef ACCEL_SIM_COMMON_FP16_H
#define ACCEL_SIM_COMMON_FP16_H

#include <cstdint>
#include <cstring>

namespace accel::sim {

/// The binary16 bit pattern of roundToFp16(v), and back (exact).
uint16_t floatToHalfBits(float v);
float halfBitsToFloat(uint16_t h);
/// roundToFp16 through the bit pattern: every input, including subnormals, overflow, NaN.
float roundToFp16Slow(float v);

/// The nearest IEEE binary16 value (round to nearest, ties to even), as a float: overflow
/// gives +-inf, tiny values become fp16 subnormals or zero, NaN stays NaN.
/// Inline with a fast path for the fp16 normal range (|v| in [2^-14, 65520)), where
/// rounding is that of the float's 23-bit mantissa to 10 bits: add 0xfff plus the kept
/// last bit, clear the 13 dropped bits (a carry into the exponent is the right result).
/// Every executed fp16 operation of the simulator rounds through here.
inline float roundToFp16(float v) {
  uint32_t x;
  std::memcpy(&x, &v, 4);
  uint32_t absx = x & 0x7fffffffu;
  if (absx - 0x38800000u < 0x477ff000u - 0x38800000u) {
    x += 0xfffu + ((x >> 13) & 1u);
    x &= ~0x1fffu;
    float f;
    std::memcpy(&f, &x, 4);
    return f;
  }
  return roundToFp16Slow(v);
}

} // namespace accel::sim

#endif
