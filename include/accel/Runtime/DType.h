//===- DType.h - Element types of runtime tensors ---------------*- C++ -*-===//
#ifndef ACCEL_RUNTIME_DTYPE_H
#define ACCEL_RUNTIME_DTYPE_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace accel::runtime {

// Same values as accel::schedule::DType so the loader can convert by value.
enum class DType : uint8_t {
  F32 = 0,
  F64 = 1,
  F16 = 2,
  I8 = 3,
  I16 = 4,
  I32 = 5,
  I64 = 6,
  U8 = 7,
  Bool = 8,
  U16 = 9,
  U32 = 10,
  U64 = 11,
  BF16 = 12,
};

constexpr int kNumDTypes = 13;

size_t dtypeSize(DType t);
// Lower-case name as used in reports and errors: f32, i64, bool...
std::string_view dtypeName(DType t);
std::optional<DType> dtypeFromInt(int value);
bool isFloatDType(DType t);

// IEEE half and bfloat16 <-> float/double conversions. Narrowing rounds to nearest
// even (one rounding step from the source, also from double), overflows to inf and
// keeps NaN a quiet NaN.
float halfToFloat(uint16_t h);
uint16_t floatToHalf(float f);
uint16_t doubleToHalf(double d);
float bfloat16ToFloat(uint16_t b);
uint16_t floatToBFloat16(float f);
uint16_t doubleToBFloat16(double d);

} // namespace accel::runtime

#endif // ACCEL_RUNTIME_DTYPE_H
