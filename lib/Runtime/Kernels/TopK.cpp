//===- TopK.cpp - ONNX TopK -----------------------------------------------===//
#include "KernelUtil.h"

#include <algorithm>
#include <numeric>

namespace accel::runtime::kernels {

using namespace detail;

namespace {

template <typename T>
void topK(const Tensor &x, Tensor &values, Tensor &indices, int64_t axis, int64_t k,
          bool largest) {
  int64_t outer = 1, inner = 1, len = x.dim(axis);
  for (int64_t d = 0; d < axis; ++d)
    outer *= x.dim(d);
  for (int64_t d = axis + 1; d < x.rank(); ++d)
    inner *= x.dim(d);
  const T *in = x.data<T>();
  T *vals = values.data<T>();
  int64_t *idx = indices.data<int64_t>();
  std::vector<int64_t> order(static_cast<size_t>(len));
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      const T *line = in + o * len * inner + i;
      std::iota(order.begin(), order.end(), int64_t(0));
      // Equal values keep the lower index first.
      std::partial_sort(order.begin(), order.begin() + k, order.end(),
                        [&](int64_t a, int64_t b) {
                          T va = line[a * inner], vb = line[b * inner];
                          if (va != vb)
                            return largest ? va > vb : va < vb;
                          return a < b;
                        });
      for (int64_t j = 0; j < k; ++j) {
        int64_t at = (o * k + j) * inner + i;
        vals[at] = line[order[j] * inner];
        idx[at] = order[j];
      }
    }
}

} // namespace

void topK(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  Tensor &values = ctx.out(0);
  Tensor &indices = ctx.out(1);
  expectSameDType(x, values, "top_k");
  expectDType(indices, DType::I64, "top_k indices");
  int64_t axis = normalizeAxis(ctx.attr().getInt("axis", -1), x.rank(), "top_k axis");
  int64_t k = ctx.attr().getInt("k", 0);
  if (k < 1 || k > x.dim(axis))
    fail("top_k k " + std::to_string(k) + " out of range for an axis of size " +
         std::to_string(x.dim(axis)));
  Shape shape = x.shape();
  shape[axis] = k;
  expectShape(values, shape, "values");
  expectShape(indices, shape, "indices");
  bool largest = ctx.attr().getInt("largest", 1) != 0;
  switch (x.dtype()) {
  case DType::F32: topK<float>(x, values, indices, axis, k, largest); break;
  case DType::I64: topK<int64_t>(x, values, indices, axis, k, largest); break;
  case DType::I32: topK<int32_t>(x, values, indices, axis, k, largest); break;
  default: fail("top_k does not support " + std::string(dtypeName(x.dtype())));
  }
}

} // namespace accel::runtime::kernels
