//===- ArgReduce.cpp - argmax / argmin along one axis ---------------------===//
#include "KernelUtil.h"

namespace accel::runtime::kernels {

using namespace detail;

void argReduce(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  Tensor &y = ctx.out(0);
  expectDType(y, DType::I64, "arg_reduce result");
  std::string kind = ctx.attr().getString("kind");
  if (kind != "max" && kind != "min")
    fail("unknown arg_reduce kind '" + kind + "'");
  bool isMax = kind == "max";
  int64_t r = x.rank();
  int64_t axis = normalizeAxis(ctx.attr().getInt("axis", 0), r, "arg_reduce axis");
  bool keep = ctx.attr().getInt("keep_dims", 1) != 0;
  bool last = ctx.attr().getInt("select_last_index", 0) != 0;
  Shape expect;
  for (int64_t d = 0; d < r; ++d)
    if (d != axis)
      expect.push_back(x.dim(d));
    else if (keep)
      expect.push_back(1);
  expectShape(y, expect, "result");
  int64_t outer = 1, inner = 1, len = x.dim(axis);
  for (int64_t d = 0; d < axis; ++d)
    outer *= x.dim(d);
  for (int64_t d = axis + 1; d < r; ++d)
    inner *= x.dim(d);
  if (len == 0 && y.numElements() > 0)
    fail("arg_reduce over an empty axis");
  int64_t *out = y.data<int64_t>();
  auto run = [&](auto tag) {
    using T = decltype(tag);
    const T *in = x.data<T>();
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i) {
        const T *p = in + o * len * inner + i;
        int64_t best = 0;
        T bv = p[0];
        for (int64_t k = 1; k < len; ++k) {
          T v = p[k * inner];
          bool better = isMax ? (last ? v >= bv : v > bv) : (last ? v <= bv : v < bv);
          if (better) {
            bv = v;
            best = k;
          }
        }
        out[o * inner + i] = best;
      }
  };
  switch (x.dtype()) {
  case DType::F32: run(float{}); return;
  case DType::F64: run(double{}); return;
  case DType::I32: run(int32_t{}); return;
  case DType::I64: run(int64_t{}); return;
  case DType::U8:
  case DType::Bool: run(uint8_t{}); return;
  case DType::I8: run(int8_t{}); return;
  case DType::I16: run(int16_t{}); return;
  default:
    fail("arg_reduce does not support element type " + std::string(dtypeName(x.dtype())));
  }
}

} // namespace accel::runtime::kernels
