//===- FastMath.h - Vectorisable float exp/erf for hot kernels --*- C++ -*-===//
//
// glibc's expf/erff are scalar calls; these branch-free versions let the compiler
// vectorise sigmoid, softmax and GELU loops. fastExp is within ~2 ulp over the range
// where exp is a normal float; fastErf has an absolute error below 2e-7.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_LIB_RUNTIME_KERNELS_FASTMATH_H
#define ACCEL_LIB_RUNTIME_KERNELS_FASTMATH_H

#include <cmath>
#include <cstdint>
#include <cstring>

namespace accel::runtime::detail {

inline float fastExp(float x) {
  // Results outside the normal range saturate (to ~1e-38 / ~2e38) instead of 0 / inf.
  x = x < -87.0f ? -87.0f : x;
  x = x > 88.0f ? 88.0f : x;
  // n = round(x / ln2) with the 1.5 * 2^23 trick: std::floor is a libm call on baseline
  // x86-64 (no SSE4.1), which would keep every caller's loop scalar. |x / ln2| < 128 here.
  float n = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  // x - n*ln2 with ln2 split in two for precision (Cody-Waite).
  float r = x - n * 0.693359375f;
  r = r + n * 2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  float y = p * r * r + r + 1.0f;
  int32_t bits = (static_cast<int32_t>(n) + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof(scale));
  return y * scale;
}

inline float fastErf(float x) {
  // Abramowitz & Stegun 7.1.26.
  float ax = std::fabs(x);
  float t = 1.0f / (1.0f + 0.3275911f * ax);
  float poly = ((((1.061405429f * t - 1.453152027f) * t + 1.421413741f) * t - 0.284496736f) * t +
                0.254829592f) *
               t;
  float y = 1.0f - poly * fastExp(-ax * ax);
  return std::copysign(y, x);
}

} // namespace accel::runtime::detail

#endif // ACCEL_LIB_RUNTIME_KERNELS_FASTMATH_H
