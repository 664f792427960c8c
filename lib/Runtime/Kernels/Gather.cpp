//===- Gather.cpp - ONNX Gather -------------------------------------------===//
#include "KernelUtil.h"

namespace accel::runtime::kernels {

using namespace detail;

void gather(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  const Tensor &ind = ctx.in(1);
  Tensor &y = ctx.out(0);
  expectSameDType(x, y, "gather");
  if (ind.dtype() != DType::I64 && ind.dtype() != DType::I32)
    fail("gather indices must be i64 or i32, got " + std::string(dtypeName(ind.dtype())));
  int64_t r = x.rank();
  int64_t axis = normalizeAxis(ctx.attr().getInt("axis", 0), r, "gather axis");
  Shape expect(x.shape().begin(), x.shape().begin() + axis);
  expect.insert(expect.end(), ind.shape().begin(), ind.shape().end());
  expect.insert(expect.end(), x.shape().begin() + axis + 1, x.shape().end());
  expectShape(y, expect, "result");
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= x.dim(d);
  for (int64_t d = axis + 1; d < r; ++d)
    inner *= x.dim(d);
  int64_t axisLen = x.dim(axis);
  int64_t n = ind.numElements();
  std::vector<int64_t> idx(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    int64_t v = ind.dtype() == DType::I64 ? ind.data<int64_t>()[i] : ind.data<int32_t>()[i];
    if (v < -axisLen || v >= axisLen)
      fail("gather index " + std::to_string(v) + " out of range for axis of size " +
           std::to_string(axisLen));
    idx[i] = v < 0 ? v + axisLen : v;
  }
  size_t es = dtypeSize(x.dtype());
  size_t chunk = static_cast<size_t>(inner) * es;
  const auto *in = x.data<uint8_t>();
  auto *out = y.data<uint8_t>();
  if (chunk == 0)
    return;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < n; ++i) {
      std::memcpy(out, in + (o * axisLen + idx[i]) * chunk, chunk);
      out += chunk;
    }
}

} // namespace accel::runtime::kernels
