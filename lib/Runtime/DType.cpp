//===- DType.cpp - Element type helpers -----------------------------------===//
#include "accel/Runtime/DType.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace accel::runtime {

size_t dtypeSize(DType t) {
  switch (t) {
  case DType::F32:
  case DType::I32:
  case DType::U32:
    return 4;
  case DType::F64:
  case DType::I64:
  case DType::U64:
    return 8;
  case DType::F16:
  case DType::BF16:
  case DType::I16:
  case DType::U16:
    return 2;
  case DType::I8:
  case DType::U8:
  case DType::Bool:
    return 1;
  }
  return 1;
}

std::string_view dtypeName(DType t) {
  switch (t) {
  case DType::F32: return "f32";
  case DType::F64: return "f64";
  case DType::F16: return "f16";
  case DType::I8: return "i8";
  case DType::I16: return "i16";
  case DType::I32: return "i32";
  case DType::I64: return "i64";
  case DType::U8: return "u8";
  case DType::Bool: return "bool";
  case DType::U16: return "u16";
  case DType::U32: return "u32";
  case DType::U64: return "u64";
  case DType::BF16: return "bf16";
  }
  return "unknown";
}

std::optional<DType> dtypeFromInt(int value) {
  if (value < 0 || value >= kNumDTypes)
    return std::nullopt;
  return static_cast<DType>(value);
}

bool isFloatDType(DType t) {
  return t == DType::F32 || t == DType::F64 || t == DType::F16 || t == DType::BF16;
}

float halfToFloat(uint16_t h) {
  uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  uint32_t exp = (h >> 10) & 0x1fu;
  uint32_t mant = h & 0x3ffu;
  uint32_t bits;
  if (exp == 0) {
    if (mant == 0) {
      bits = sign;
    } else {
      // Subnormal half: renormalise into a float exponent.
      int e = -1;
      do {
        ++e;
        mant <<= 1;
      } while ((mant & 0x400u) == 0);
      mant &= 0x3ffu;
      bits = sign | (static_cast<uint32_t>(127 - 15 - e) << 23) | (mant << 13);
    }
  } else if (exp == 0x1f) {
    bits = sign | 0x7f800000u | (mant << 13);
  } else {
    bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

uint16_t floatToHalf(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000u);
  uint32_t exp = (bits >> 23) & 0xffu;
  uint32_t mant = bits & 0x7fffffu;
  if (exp == 0xff) // inf or nan (keep nan quiet)
    return sign | 0x7c00u | (mant ? 0x200u : 0u);
  int32_t e = static_cast<int32_t>(exp) - 127 + 15;
  if (e >= 0x1f)
    return sign | 0x7c00u;
  if (e <= 0) {
    if (e < -10)
      return sign;
    mant |= 0x800000u;
    uint32_t shift = static_cast<uint32_t>(14 - e);
    uint32_t half = mant >> shift;
    uint32_t rem = mant & ((1u << shift) - 1);
    uint32_t mid = 1u << (shift - 1);
    if (rem > mid || (rem == mid && (half & 1u)))
      ++half;
    return static_cast<uint16_t>(sign | half);
  }
  uint32_t half = (static_cast<uint32_t>(e) << 10) | (mant >> 13);
  uint32_t rem = mant & 0x1fffu;
  if (rem > 0x1000u || (rem == 0x1000u && (half & 1u)))
    ++half; // may carry into the exponent, which rounds up to inf correctly
  return static_cast<uint16_t>(sign | half);
}

namespace {

// Rounds `d` to a binary format with `mantBits` stored mantissa bits and exponent bias
// `bias` (exponent field width `expBits`) and returns its bits without the sign. Scaling
// by a power of two is exact in double, so rint (round to nearest even in the default
// rounding mode) performs the single rounding step.
uint32_t roundToNarrowFloat(double d, int expBits, int mantBits, int bias) {
  const uint32_t expMax = (1u << expBits) - 1;
  if (std::isnan(d))
    return (expMax << mantBits) | (1u << (mantBits - 1));
  double a = std::fabs(d);
  if (std::isinf(a))
    return expMax << mantBits;
  if (a == 0.0)
    return 0;
  int e;
  std::frexp(a, &e); // a = m * 2^e, m in [0.5, 1): unbiased exponent e - 1
  int unbiased = std::max(e - 1, 1 - bias); // subnormals share the minimum exponent
  double q = std::rint(std::ldexp(a, mantBits - unbiased));
  // q is the significand with its implicit bit (subnormal: without it); a carry from
  // rounding propagates into the exponent field, which is what the format wants.
  uint64_t bits = static_cast<uint64_t>(q);
  if (unbiased > 1 - bias || bits >= (uint64_t(1) << mantBits))
    bits = (static_cast<uint64_t>(unbiased + bias) << mantBits) +
           (bits - (uint64_t(1) << mantBits));
  if (bits >= (static_cast<uint64_t>(expMax) << mantBits))
    return expMax << mantBits;
  return static_cast<uint32_t>(bits);
}

uint16_t withSign(bool negative, uint32_t magnitude) {
  return static_cast<uint16_t>((negative ? 0x8000u : 0u) | magnitude);
}

} // namespace

uint16_t doubleToHalf(double d) {
  return withSign(std::signbit(d), roundToNarrowFloat(d, 5, 10, 15));
}

float bfloat16ToFloat(uint16_t b) {
  uint32_t bits = static_cast<uint32_t>(b) << 16;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

uint16_t floatToBFloat16(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  if (std::isnan(f))
    return static_cast<uint16_t>((bits >> 16) | 0x40u);
  uint32_t rounding = 0x7fffu + ((bits >> 16) & 1u); // ties to even
  return static_cast<uint16_t>((bits + rounding) >> 16);
}

uint16_t doubleToBFloat16(double d) {
  return withSign(std::signbit(d), roundToNarrowFloat(d, 8, 7, 127));
}

} // namespace accel::runtime
