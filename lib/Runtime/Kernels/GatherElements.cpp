//===- GatherElements.cpp - ONNX GatherElements ---------------------------===//
#include "KernelUtil.h"

namespace accel::runtime::kernels {

using namespace detail;

void gatherElements(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  const Tensor &ind = ctx.in(1);
  Tensor &y = ctx.out(0);
  expectSameDType(x, y, "gather_elements");
  if (ind.dtype() != DType::I64 && ind.dtype() != DType::I32)
    fail("gather_elements indices must be i64 or i32, got " +
         std::string(dtypeName(ind.dtype())));
  int64_t r = x.rank();
  int64_t axis = normalizeAxis(ctx.attr().getInt("axis", 0), r, "gather_elements axis");
  if (ind.rank() != r)
    fail("gather_elements indices must have the input's rank");
  for (int64_t d = 0; d < r; ++d)
    if (d != axis && ind.dim(d) > x.dim(d))
      fail("gather_elements indices exceed the input in dimension " + std::to_string(d));
  expectShape(y, ind.shape(), "result");
  // Input strides; the output walks the indices' shape in row-major order.
  std::vector<int64_t> xStride(static_cast<size_t>(r), 1);
  for (int64_t d = r - 2; d >= 0; --d)
    xStride[d] = xStride[d + 1] * x.dim(d + 1);
  int64_t axisLen = x.dim(axis);
  size_t es = dtypeSize(x.dtype());
  const auto *in = x.data<uint8_t>();
  auto *out = y.data<uint8_t>();
  int64_t n = ind.numElements();
  std::vector<int64_t> pos(static_cast<size_t>(r), 0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t v = ind.dtype() == DType::I64 ? ind.data<int64_t>()[i] : ind.data<int32_t>()[i];
    if (v < -axisLen || v >= axisLen)
      fail("gather_elements index " + std::to_string(v) +
           " out of range for axis of size " + std::to_string(axisLen));
    if (v < 0)
      v += axisLen;
    int64_t offset = 0;
    for (int64_t d = 0; d < r; ++d)
      offset += (d == axis ? v : pos[d]) * xStride[d];
    std::memcpy(out + static_cast<size_t>(i) * es, in + static_cast<size_t>(offset) * es, es);
    for (int64_t d = r - 1; d >= 0; --d) {
      if (++pos[d] < ind.dim(d))
        break;
      pos[d] = 0;
    }
  }
}

} // namespace accel::runtime::kernels
