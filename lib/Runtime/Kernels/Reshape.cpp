//===- Reshape.cpp - reshape and expand -----------------------------------===//
#include "KernelUtil.h"

namespace accel::runtime::kernels {

using namespace detail;

void reshape(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  Tensor &y = ctx.out(0);
  expectSameDType(x, y, "reshape");
  if (x.numElements() != y.numElements())
    fail("cannot reshape " + shapeToString(x.shape()) + " to " +
         shapeToString(y.shape()));
  if (x.byteSize())
    std::memcpy(y.raw(), x.raw(), static_cast<size_t>(x.byteSize()));
}

void expand(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  Tensor &y = ctx.out(0);
  expectSameDType(x, y, "expand");
  broadcastCopy(x, y);
}

} // namespace accel::runtime::kernels
