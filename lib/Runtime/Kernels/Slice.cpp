//===- Slice.cpp - Strided slice ------------------------------------------===//
#include "KernelUtil.h"

namespace accel::runtime::kernels {

using namespace detail;

void slice(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  Tensor &y = ctx.out(0);
  expectSameDType(x, y, "slice");
  int64_t r = x.rank();
  if (y.rank() != r)
    fail("result rank " + std::to_string(y.rank()) + " differs from input rank " +
         std::to_string(r));
  std::vector<int64_t> starts = ctx.attr().getInts("starts");
  std::vector<int64_t> steps = ctx.attr().getInts("steps", std::vector<int64_t>(r, 1));
  if (static_cast<int64_t>(starts.size()) != r || static_cast<int64_t>(steps.size()) != r)
    fail("starts/steps must have one entry per dimension (" + std::to_string(r) + ")");
  if (y.numElements() == 0)
    return;
  // Every index touched must lie inside the input: check the first and last per dim.
  for (int64_t d = 0; d < r; ++d) {
    int64_t last = starts[d] + (y.dim(d) - 1) * steps[d];
    if (starts[d] < 0 || starts[d] >= x.dim(d) || last < 0 || last >= x.dim(d))
      fail("slice along dim " + std::to_string(d) + " (start " + std::to_string(starts[d]) +
           ", step " + std::to_string(steps[d]) + ", " + std::to_string(y.dim(d)) +
           " elements) leaves the input of size " + std::to_string(x.dim(d)));
  }
  std::vector<int64_t> inStrides = contiguousStrides(x.shape());
  dispatchBySize(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T *in = x.data<T>();
    T *out = y.data<T>();
    if (r == 0) {
      out[0] = in[0];
      return;
    }
    int64_t base = 0;
    std::vector<int64_t> st(static_cast<size_t>(r));
    for (int64_t d = 0; d < r; ++d) {
      base += starts[d] * inStrides[d];
      st[d] = steps[d] * inStrides[d];
    }
    int64_t inner = y.dim(r - 1);
    int64_t is = st[r - 1];
    std::vector<int64_t> idx(static_cast<size_t>(r), 0);
    int64_t off = base;
    int64_t rows = y.numElements() / inner;
    for (int64_t row = 0; row < rows; ++row) {
      const T *p = in + off;
      if (is == 1)
        std::memcpy(out, p, sizeof(T) * inner);
      else
        for (int64_t i = 0; i < inner; ++i)
          out[i] = p[i * is];
      out += inner;
      for (int64_t d = r - 2; d >= 0; --d) {
        ++idx[d];
        off += st[d];
        if (idx[d] < y.dim(d))
          break;
        off -= st[d] * idx[d];
        idx[d] = 0;
      }
    }
  });
}

} // namespace accel::runtime::kernels
