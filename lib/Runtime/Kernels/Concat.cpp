//===- Concat.cpp - Concatenation along one axis --------------------------===//
#include "ChannelsLastView.h"
#include "KernelUtil.h"

namespace accel::runtime::kernels {

using namespace detail;

void concat(const KernelContext &ctx) {
  if (runInChannelsLastView(ctx, &concat))
    return;
  Tensor &y = ctx.out(0);
  int64_t r = y.rank();
  int64_t axis = normalizeAxis(ctx.attr().getInt("axis"), r, "concat axis");
  int64_t total = 0;
  for (size_t i = 0; i < ctx.inputs.size(); ++i) {
    const Tensor &x = ctx.in(i);
    expectSameDType(x, y, "concat");
    if (x.rank() != r)
      fail("concat operand #" + std::to_string(i) + " has rank " + std::to_string(x.rank()) +
           ", expected " + std::to_string(r));
    for (int64_t d = 0; d < r; ++d)
      if (d != axis && x.dim(d) != y.dim(d))
        fail("concat operand #" + std::to_string(i) + " has shape " +
             shapeToString(x.shape()) + ", incompatible with result " +
             shapeToString(y.shape()));
    total += x.dim(axis);
  }
  if (total != y.dim(axis))
    fail("concat operands sum to " + std::to_string(total) + " along axis " +
         std::to_string(axis) + ", result has " + std::to_string(y.dim(axis)));
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= y.dim(d);
  for (int64_t d = axis + 1; d < r; ++d)
    inner *= y.dim(d);
  size_t es = dtypeSize(y.dtype());
  auto *out = y.data<uint8_t>();
  size_t outRow = static_cast<size_t>(y.dim(axis) * inner) * es;
  size_t colOffset = 0;
  for (size_t i = 0; i < ctx.inputs.size(); ++i) {
    const Tensor &x = ctx.in(i);
    size_t chunk = static_cast<size_t>(x.dim(axis) * inner) * es;
    const auto *in = x.data<uint8_t>();
    if (chunk)
      for (int64_t o = 0; o < outer; ++o)
        std::memcpy(out + o * outRow + colOffset, in + o * chunk, chunk);
    colOffset += chunk;
  }
}

} // namespace accel::runtime::kernels
