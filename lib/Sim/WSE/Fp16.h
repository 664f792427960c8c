//===- Fp16.h - IEEE binary16 rounding of 32-bit values ---------*- C++ -*-===//
#ifndef ACCEL_LIB_SIM_WSE_FP16_H
#define ACCEL_LIB_SIM_WSE_FP16_H

#include <cstdint>
#include <cstring>

namespace accel::sim::wse {

/// The nearest IEEE binary16 value (round to nearest, ties to even), as a float: overflow
/// gives +-inf, tiny values become fp16 subnormals or zero, NaN stays NaN.
float roundToFp16(float v);

/// roundToFp16 with the common case inline: a value in binary16's normal range rounds its
/// mantissa from 23 to 10 bits to nearest, ties to even, on the float's own bits (a carry
/// into the exponent is the right result), which gives exactly roundToFp16's answer;
/// zeros, subnormals, overflow, infinities and NaN take the general path.
inline float roundToFp16Fast(float v) {
  uint32_t u;
  std::memcpy(&u, &v, 4);
  uint32_t a = u & 0x7fffffffu;
  if (a >= 0x38800000u && a < 0x477ff000u) {
    u = (u + 0x0fffu + ((u >> 13) & 1u)) & ~0x1fffu;
    float r;
    std::memcpy(&r, &u, 4);
    return r;
  }
  return roundToFp16(v);
}
/// The binary16 bit pattern of roundToFp16(v), and back (exact).
uint16_t floatToHalfBits(float v);
float halfBitsToFloat(uint16_t h);

} // namespace accel::sim::wse

#endif
