//===- Cast.cpp - Element type conversion ---------------------------------===//
#include "KernelUtil.h"

#include <cmath>
#include <limits>
#include <type_traits>

namespace accel::runtime::kernels {

using namespace detail;

namespace {

// Values are read as double or int64 (exact for every supported type) and written with
// ONNX rules: float -> int truncates toward zero (saturating, NaN -> 0), -> bool is != 0.
template <typename D> D fromDouble(double v, DType dst) {
  if (dst == DType::Bool)
    return static_cast<D>(v != 0);
  if (dst == DType::F16)
    return static_cast<D>(floatToHalf(static_cast<float>(v)));
  if constexpr (std::is_floating_point_v<D>) {
    return static_cast<D>(v);
  } else {
    if (std::isnan(v))
      return 0;
    double t = std::trunc(v);
    if (t <= static_cast<double>(std::numeric_limits<D>::lowest()))
      return std::numeric_limits<D>::lowest();
    if (t >= static_cast<double>(std::numeric_limits<D>::max()))
      return std::numeric_limits<D>::max();
    return static_cast<D>(t);
  }
}

template <typename D> D fromInt(int64_t v, DType dst) {
  if (dst == DType::Bool)
    return static_cast<D>(v != 0);
  if (dst == DType::F16)
    return static_cast<D>(floatToHalf(static_cast<float>(v)));
  return static_cast<D>(v);
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
      const S *in = x.data<S>();
      D *out = y.data<D>();
      for (int64_t i = 0; i < n; ++i) {
        if (src == DType::F16)
          out[i] = fromDouble<D>(halfToFloat(static_cast<uint16_t>(in[i])), dst);
        else if constexpr (std::is_floating_point_v<S>)
          out[i] = fromDouble<D>(static_cast<double>(in[i]), dst);
        else
          out[i] = fromInt<D>(static_cast<int64_t>(in[i]), dst);
      }
    });
  });
}

} // namespace accel::runtime::kernels
