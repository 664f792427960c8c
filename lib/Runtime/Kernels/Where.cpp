//===- Where.cpp - cond ? lhs : rhs with broadcasting ---------------------===//
#include "ChannelsLastView.h"
#include "KernelUtil.h"

namespace accel::runtime::kernels {

using namespace detail;

void where(const KernelContext &ctx) {
  if (runInChannelsLastView(ctx, &where))
    return;
  const Tensor &c = ctx.in(0);
  const Tensor &a = ctx.in(1);
  const Tensor &b = ctx.in(2);
  Tensor &o = ctx.out(0);
  expectDType(c, DType::Bool, "condition");
  expectSameDType(a, b, "where");
  expectSameDType(a, o, "where result");
  expectShape(o, broadcastShapes(c.shape(), broadcastShapes(a.shape(), b.shape())),
              "result");
  if (o.numElements() == 0)
    return;
  BroadcastPlan plan = planBroadcast(o.shape(), {c.shape(), a.shape(), b.shape()});
  dispatchBySize(a.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const uint8_t *pc = c.data<uint8_t>();
    const T *pa = a.data<T>();
    const T *pb = b.data<T>();
    T *po = o.data<T>();
    int64_t inner = plan.inner;
    int64_t sc = plan.innerStride[0], sa = plan.innerStride[1], sb = plan.innerStride[2];
    forEachRow(plan, [&](const int64_t *off) {
      const uint8_t *rc = pc + off[0];
      const T *ra = pa + off[1];
      const T *rb = pb + off[2];
      for (int64_t i = 0; i < inner; ++i)
        po[i] = rc[i * sc] ? ra[i * sa] : rb[i * sb];
      po += inner;
    });
  });
}

} // namespace accel::runtime::kernels
