//===- Clamp.cpp - min(max(x, min), max) ----------------------------------===//
#include "ChannelsLastView.h"
#include "KernelUtil.h"

#include <cmath>

namespace accel::runtime::kernels {

using namespace detail;

void clamp(const KernelContext &ctx) {
  if (runInChannelsLastView(ctx, &clamp))
    return;
  const Tensor &x = ctx.in(0);
  Tensor &y = ctx.out(0);
  expectShape(y, x.shape(), "result");
  expectSameDType(x, y, "clamp");
  double lo = ctx.attr().getFloat("min", -INFINITY);
  double hi = ctx.attr().getFloat("max", INFINITY);
  int64_t n = x.numElements();
  auto run = [&](auto tag) {
    using T = decltype(tag);
    const T *in = x.data<T>();
    T *out = y.data<T>();
    T l, h;
    if constexpr (std::is_floating_point_v<T>) {
      l = static_cast<T>(lo);
      h = static_cast<T>(hi);
    } else {
      // Bounds outside the integer range (e.g. +-inf defaults) do not clamp.
      constexpr double tmin = static_cast<double>(std::numeric_limits<T>::lowest());
      constexpr double tmax = static_cast<double>(std::numeric_limits<T>::max());
      l = lo <= tmin ? std::numeric_limits<T>::lowest() : static_cast<T>(std::ceil(lo));
      h = hi >= tmax ? std::numeric_limits<T>::max() : static_cast<T>(std::floor(hi));
    }
#pragma omp parallel for simd schedule(static) if (n >= kParallelMinElements)
    for (int64_t i = 0; i < n; ++i) {
      T v = in[i] < l ? l : in[i];
      out[i] = v > h ? h : v;
    }
  };
  switch (x.dtype()) {
  case DType::F32: run(float{}); return;
  case DType::F64: run(double{}); return;
  case DType::I32: run(int32_t{}); return;
  case DType::I64: run(int64_t{}); return;
  default:
    fail("clamp does not support element type " + std::string(dtypeName(x.dtype())));
  }
}

} // namespace accel::runtime::kernels
