//===- Transpose.cpp - Dimension permutation ------------------------------===//
#include "KernelUtil.h"

namespace accel::runtime::kernels {

using namespace detail;

void transpose(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  Tensor &y = ctx.out(0);
  expectSameDType(x, y, "transpose");
  int64_t r = x.rank();
  std::vector<int64_t> perm = ctx.attr().getInts("perm", {});
  if (perm.empty())
    for (int64_t i = r - 1; i >= 0; --i)
      perm.push_back(i);
  if (static_cast<int64_t>(perm.size()) != r)
    fail("perm has " + std::to_string(perm.size()) + " entries for a rank-" +
         std::to_string(r) + " input");
  std::vector<bool> seen(static_cast<size_t>(r), false);
  Shape outShape(static_cast<size_t>(r));
  for (int64_t i = 0; i < r; ++i) {
    int64_t p = perm[i];
    if (p < 0 || p >= r || seen[p])
      fail("perm is not a permutation of 0.." + std::to_string(r - 1));
    seen[p] = true;
    outShape[i] = x.dim(p);
  }
  expectShape(y, outShape, "result");
  if (y.numElements() == 0)
    return;
  std::vector<int64_t> inStrides = contiguousStrides(x.shape());
  // Stride in the input for each output dim; the innermost output dim is the inner loop.
  std::vector<int64_t> st(static_cast<size_t>(r));
  for (int64_t i = 0; i < r; ++i)
    st[i] = inStrides[perm[i]];
  dispatchBySize(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T *in = x.data<T>();
    T *out = y.data<T>();
    if (r == 0) {
      out[0] = in[0];
      return;
    }
    int64_t inner = outShape[r - 1];
    int64_t innerStride = st[r - 1];
    int64_t rows = y.numElements() / inner;
    // Rows are split into one contiguous chunk per thread; each chunk finds its first
    // row's input offset from the row index, then steps like an odometer.
    int chunks = y.numElements() >= kParallelMinElements ? kernelThreads() : 1;
#pragma omp parallel for schedule(static, 1) num_threads(chunks) if (chunks > 1)
    for (int chunk = 0; chunk < chunks; ++chunk) {
      int64_t first = rows * chunk / chunks, last = rows * (chunk + 1) / chunks;
      std::vector<int64_t> idx(static_cast<size_t>(r), 0);
      int64_t off = 0;
      for (int64_t d = r - 2, rest = first; d >= 0; --d) {
        idx[d] = rest % outShape[d];
        rest /= outShape[d];
        off += idx[d] * st[d];
      }
      T *o = out + first * inner;
      for (int64_t row = first; row < last; ++row) {
        const T *p = in + off;
        for (int64_t i = 0; i < inner; ++i)
          o[i] = p[i * innerStride];
        o += inner;
        for (int64_t d = r - 2; d >= 0; --d) {
          ++idx[d];
          off += st[d];
          if (idx[d] < outShape[d])
            break;
          off -= st[d] * idx[d];
          idx[d] = 0;
        }
      }
    }
  });
}

} // namespace accel::runtime::kernels
