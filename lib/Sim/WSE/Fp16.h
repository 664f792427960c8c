//===- Fp16.h - IEEE binary16 rounding of 32-bit values ---------*- C++ -*-===//
#ifndef ACCEL_LIB_SIM_WSE_FP16_H
#define ACCEL_LIB_SIM_WSE_FP16_H

#include <cstdint>

namespace accel::sim::wse {

/// The nearest IEEE binary16 value (round to nearest, ties to even), as a float: overflow
/// gives +-inf, tiny values become fp16 subnormals or zero, NaN stays NaN.
float roundToFp16(float v);
/// The binary16 bit pattern of roundToFp16(v), and back (exact).
uint16_t floatToHalfBits(float v);
float halfBitsToFloat(uint16_t h);

} // namespace accel::sim::wse

#endif
