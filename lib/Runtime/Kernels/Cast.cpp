//===- Cast.cpp - Element type conversion ---------------------------------===//
//
// Every pair of the 13 element types, with ONNX Cast rules:
// - float -> float rounds to nearest even (one rounding step, also double -> f16/bf16);
// - float -> integer truncates toward zero; NaN becomes 0 and out-of-range values
//   saturate (ONNX leaves those undefined; saturation keeps the result deterministic);
// - integer -> integer wraps modulo 2^bits (two's complement), like numpy's astype;
// - integer -> float rounds to nearest even;
// - anything -> bool is `!= 0`, bool -> anything is 0 or 1.
//
//===----------------------------------------------------------------------===//
#include "KernelUtil.h"

#include <cmath>
#include <limits>
#include <type_traits>

namespace accel::runtime::kernels {

using namespace detail;

namespace {

template <typename D> D fromFloat(double v, DType dst) {
  if (dst == DType::Bool)
    return static_cast<D>(v != 0);
  if (dst == DType::F16)
    return static_cast<D>(doubleToHalf(v));
  if (dst == DType::BF16)
    return static_cast<D>(doubleToBFloat16(v));
  if constexpr (std::is_floating_point_v<D>) {
    return static_cast<D>(v);
  } else {
    if (std::isnan(v))
      return 0;
    double t = std::trunc(v);
    // Both limits are powers of two (minus one for max) whose double neighbourhood is
    // exact enough: lowest() is exact, max() rounds up to 2^bits, so `>=` saturates.
    if (t <= static_cast<double>(std::numeric_limits<D>::lowest()))
      return std::numeric_limits<D>::lowest();
    if (t >= static_cast<double>(std::numeric_limits<D>::max()))
      return std::numeric_limits<D>::max();
    return static_cast<D>(t);
  }
}

// `I` is int64_t or uint64_t, so every source integer value is represented exactly.
template <typename D, typename I> D fromInt(I v, DType dst) {
  if (dst == DType::Bool)
    return static_cast<D>(v != 0);
  if (dst == DType::F16)
    return static_cast<D>(doubleToHalf(static_cast<double>(v)));
  if (dst == DType::BF16)
    return static_cast<D>(doubleToBFloat16(static_cast<double>(v)));
  return static_cast<D>(v); // wraps for narrower integers, rounds for floats
}

template <typename S, typename D>
void convert(const S *in, D *out, int64_t n, DType src, DType dst) {
  if (src == DType::F16) {
    for (int64_t i = 0; i < n; ++i)
      out[i] = fromFloat<D>(halfToFloat(static_cast<uint16_t>(in[i])), dst);
  } else if (src == DType::BF16) {
    for (int64_t i = 0; i < n; ++i)
      out[i] = fromFloat<D>(bfloat16ToFloat(static_cast<uint16_t>(in[i])), dst);
  } else if constexpr (std::is_same_v<S, float>) {
    if (dst == DType::F16) { // the bit-level f32 path is exact and faster
      for (int64_t i = 0; i < n; ++i)
        out[i] = static_cast<D>(floatToHalf(in[i]));
    } else if (dst == DType::BF16) {
      for (int64_t i = 0; i < n; ++i)
        out[i] = static_cast<D>(floatToBFloat16(in[i]));
    } else {
      for (int64_t i = 0; i < n; ++i)
        out[i] = fromFloat<D>(in[i], dst);
    }
  } else if constexpr (std::is_floating_point_v<S>) {
    for (int64_t i = 0; i < n; ++i)
      out[i] = fromFloat<D>(in[i], dst);
  } else {
    using I = std::conditional_t<std::is_signed_v<S>, int64_t, uint64_t>;
    for (int64_t i = 0; i < n; ++i)
      out[i] = fromInt<D>(static_cast<I>(in[i]), dst);
  }
}

} // namespace

void cast(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  Tensor &y = ctx.out(0);
  expectShape(y, x.shape(), "result");
  int64_t n = x.numElements();
  DType src = x.dtype(), dst = y.dtype();
  if (src == dst) {
    if (n)
      std::memcpy(y.raw(), x.raw(), static_cast<size_t>(x.byteSize()));
    return;
  }
  dispatchAll(src, [&](auto stag) {
    using S = decltype(stag);
    dispatchAll(dst, [&](auto dtag) {
      using D = decltype(dtag);
      convert(x.data<S>(), y.data<D>(), n, src, dst);
    });
  });
}

} // namespace accel::runtime::kernels
