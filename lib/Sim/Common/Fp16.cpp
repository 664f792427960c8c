//===- Fp16.cpp - IEEE binary16 rounding -----------------------------------===//
//
// Written here (no F16C intrinsics, no library) so results do not depend on the host CPU.
//
//===----------------------------------------------------------------------===//
#include "accel/Sim/Common/Fp16.h"

#include <algorithm>
#include <cstring>

namespace accel::sim {

uint16_t floatToHalfBits(float v) {
  uint32_t x;
  std::memcpy(&x, &v, 4);
  uint32_t sign = (x >> 16) & 0x8000u;
  uint32_t absx = x & 0x7fffffffu;
  if (absx >= 0x7f800000u) // inf or NaN (keep NaN quiet and non-zero)
    return static_cast<uint16_t>(sign | 0x7c00u | (absx > 0x7f800000u ? 0x200u : 0u));
  if (absx >= 0x477ff000u) // >= 65520 rounds to infinity
    return static_cast<uint16_t>(sign | 0x7c00u);
  if (absx < 0x38800000u) { // below 2^-14: binary16 subnormal (or zero)
    if (absx < 0x33000000u) // below 2^-25: rounds to zero (2^-25 itself is a tie to 0)
      return static_cast<uint16_t>(sign);
    uint32_t exp = absx >> 23;            // 102..112
    uint32_t mant = (absx & 0x7fffffu) | 0x800000u;
    uint32_t shift = 126 - exp;           // value = mant * 2^(exp-150); unit 2^-24
    uint32_t q = mant >> shift;
    uint32_t rem = mant & ((1u << shift) - 1);
    uint32_t half = 1u << (shift - 1);
    if (rem > half || (rem == half && (q & 1)))
      ++q; // may carry into the smallest normal: the bit pattern stays right
    return static_cast<uint16_t>(sign | q);
  }
  // Normal: rebias the exponent (127 -> 15) and round the mantissa from 23 to 10 bits.
  uint32_t r = absx - 0x38000000u; // exponent - 112
  uint32_t q = r >> 13;
  uint32_t rem = r & 0x1fffu;
  if (rem > 0x1000u || (rem == 0x1000u && (q & 1)))
    ++q; // a carry into the exponent is the right result (65504 bound handled above)
  return static_cast<uint16_t>(sign | q);
}

float halfBitsToFloat(uint16_t h) {
  uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  uint32_t exp = (h >> 10) & 0x1fu;
  uint32_t mant = h & 0x3ffu;
  uint32_t x;
  if (exp == 0x1f) {
    x = sign | 0x7f800000u | (mant << 13);
  } else if (exp == 0) {
    if (mant == 0) {
      x = sign;
    } else { // subnormal: normalise
      int e = -1;
      do {
        mant <<= 1;
        ++e;
      } while (!(mant & 0x400u));
      x = sign | static_cast<uint32_t>(112 - e) << 23 | ((mant & 0x3ffu) << 13);
    }
  } else {
    x = sign | ((exp + 112) << 23) | (mant << 13);
  }
  float f;
  std::memcpy(&f, &x, 4);
  return f;
}

float roundToFp16Slow(float v) { return halfBitsToFloat(floatToHalfBits(v)); }

} // namespace accel::sim
