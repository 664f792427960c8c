//===- Pad.cpp - ONNX Pad (constant / reflect / edge) ---------------------===//
#include "KernelUtil.h"

namespace accel::runtime::kernels {

using namespace detail;

namespace {

// Maps an output coordinate to an input coordinate, or -1 for the constant fill.
int64_t mapIndex(int64_t o, int64_t begin, int64_t size, int mode) {
  int64_t i = o - begin;
  if (i >= 0 && i < size)
    return i;
  if (mode == 0 || size == 0)
    return -1;
  if (mode == 2) // edge
    return i < 0 ? 0 : size - 1;
  // reflect (mirror without repeating the edge element)
  if (size == 1)
    return 0;
  int64_t period = 2 * (size - 1);
  i %= period;
  if (i < 0)
    i += period;
  return i < size ? i : period - i;
}

} // namespace

void pad(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  Tensor &y = ctx.out(0);
  expectSameDType(x, y, "pad");
  int64_t r = x.rank();
  std::vector<int64_t> pads = ctx.attr().getInts("pads");
  if (static_cast<int64_t>(pads.size()) != 2 * r)
    fail("pads has " + std::to_string(pads.size()) + " entries, expected " +
         std::to_string(2 * r));
  Shape expect(static_cast<size_t>(r));
  for (int64_t d = 0; d < r; ++d)
    expect[d] = x.dim(d) + pads[d] + pads[d + r];
  expectShape(y, expect, "result");
  std::string modeName = ctx.attr().getString("mode", "constant");
  int mode;
  if (modeName == "constant") mode = 0;
  else if (modeName == "reflect") mode = 1;
  else if (modeName == "edge") mode = 2;
  else fail("unknown pad mode '" + modeName + "'");
  if (mode != 0)
    for (int64_t d = 0; d < r; ++d)
      if (x.dim(d) == 0 && y.dim(d) > 0)
        fail("cannot " + modeName + "-pad an empty dimension");
  double value = ctx.attr().getFloat("value", 0.0);
  if (y.numElements() == 0)
    return;
  std::vector<int64_t> inStrides = contiguousStrides(x.shape());
  // Per-dim lookup tables keep the inner loop free of mode logic.
  std::vector<std::vector<int64_t>> maps(static_cast<size_t>(r));
  for (int64_t d = 0; d < r; ++d) {
    maps[d].resize(static_cast<size_t>(y.dim(d)));
    for (int64_t o = 0; o < y.dim(d); ++o)
      maps[d][o] = mapIndex(o, pads[d], x.dim(d), mode);
  }
  dispatchAll(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T fill;
    if (x.dtype() == DType::F16)
      fill = static_cast<T>(floatToHalf(static_cast<float>(value)));
    else if (x.dtype() == DType::Bool)
      fill = static_cast<T>(value != 0);
    else
      fill = static_cast<T>(value);
    const T *in = x.data<T>();
    T *out = y.data<T>();
    if (r == 0) {
      out[0] = in[0];
      return;
    }
    std::vector<int64_t> idx(static_cast<size_t>(r), 0);
    int64_t inner = y.dim(r - 1);
    int64_t rows = y.numElements() / inner;
    const std::vector<int64_t> &lastMap = maps[r - 1];
    for (int64_t row = 0; row < rows; ++row) {
      int64_t base = 0;
      bool outside = false;
      for (int64_t d = 0; d < r - 1; ++d) {
        int64_t m = maps[d][idx[d]];
        if (m < 0) {
          outside = true;
          break;
        }
        base += m * inStrides[d];
      }
      for (int64_t i = 0; i < inner; ++i) {
        int64_t m = lastMap[i];
        out[i] = (outside || m < 0) ? fill : in[base + m];
      }
      out += inner;
      for (int64_t d = r - 2; d >= 0; --d) {
        if (++idx[d] < y.dim(d))
          break;
        idx[d] = 0;
      }
    }
  });
}

} // namespace accel::runtime::kernels
