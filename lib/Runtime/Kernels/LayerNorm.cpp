//===- LayerNorm.cpp - normalise trailing dims, then scale and shift -------===//
#include "KernelUtil.h"

#include <cmath>

namespace accel::runtime::kernels {

using namespace detail;

namespace {

// out = out (op) operand, operand broadcast to out's shape.
template <typename F> void applyInPlace(Tensor &out, const Tensor &operand, F f) {
  BroadcastPlan plan = planBroadcast(out.shape(), {out.shape(), operand.shape()});
  float *o = out.data<float>();
  const float *b = operand.data<float>();
  int64_t inner = plan.inner;
  int64_t sb = plan.innerStride[1];
  forEachRow(plan, [&](const int64_t *off) {
    float *po = o + off[0];
    const float *pb = b + off[1];
    for (int64_t i = 0; i < inner; ++i)
      po[i] = f(po[i], pb[i * sb]);
  });
}

// Sum of f(p[i]) in 16 float lanes (so the loop vectorises), the lanes added in double.
template <typename F> double laneSum(const float *p, int64_t len, F f) {
  constexpr int64_t kLanes = 16;
  float lanes[kLanes] = {};
  int64_t body = len - len % kLanes;
  for (int64_t k = 0; k < body; k += kLanes)
    for (int64_t j = 0; j < kLanes; ++j)
      lanes[j] += f(p[k + j]);
  double s = 0;
  for (float l : lanes)
    s += l;
  for (int64_t k = body; k < len; ++k)
    s += f(p[k]);
  return s;
}

} // namespace

void layerNorm(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  const Tensor &scale = ctx.in(1);
  const Tensor *bias = ctx.optIn(2);
  Tensor &y = ctx.out(0);
  expectDType(x, DType::F32, "layer_norm input");
  expectDType(scale, DType::F32, "layer_norm scale");
  expectDType(y, DType::F32, "layer_norm result");
  expectShape(y, x.shape(), "result");
  int64_t r = x.rank();
  int64_t axis = normalizeAxis(ctx.attr().getInt("axis", -1), r, "layer_norm axis");
  double eps = ctx.attr().getFloat("epsilon", 1e-5);
  int64_t outer = 1, len = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= x.dim(d);
  for (int64_t d = axis; d < r; ++d)
    len *= x.dim(d);
  const float *in = x.data<float>();
  float *out = y.data<float>();
  // Scale and bias over the normalised dims only (the usual [len] vectors) are applied
  // in the row loop; other broadcasts afterwards.
  const float *gamma = scale.numElements() == len && scale.dtype() == DType::F32
                           ? scale.data<float>() : nullptr;
  const float *beta = bias && bias->numElements() == len && bias->dtype() == DType::F32 &&
                              gamma ? bias->data<float>() : nullptr;
#pragma omp parallel for schedule(static) if (outer > 1 && outer * len >= kParallelMinElements)
  for (int64_t o = 0; o < outer; ++o) {
    const float *p = in + o * len;
    float *q = out + o * len;
    double mean = laneSum(p, len, [](float v) { return v; });
    mean = len ? mean / static_cast<double>(len) : 0;
    float fm = static_cast<float>(mean);
    double var = laneSum(p, len, [fm](float v) { return (v - fm) * (v - fm); });
    var = len ? var / static_cast<double>(len) : 0;
    float inv = static_cast<float>(1.0 / std::sqrt(var + eps));
    float m = static_cast<float>(mean);
    if (beta) {
      for (int64_t i = 0; i < len; ++i)
        q[i] = (p[i] - m) * inv * gamma[i] + beta[i];
    } else if (gamma) {
      for (int64_t i = 0; i < len; ++i)
        q[i] = (p[i] - m) * inv * gamma[i];
    } else {
      for (int64_t i = 0; i < len; ++i)
        q[i] = (p[i] - m) * inv;
    }
  }
  if (y.numElements() == 0)
    return;
  if (!gamma)
    applyInPlace(y, scale, [](float v, float s) { return v * s; });
  if (bias && !beta) {
    expectDType(*bias, DType::F32, "layer_norm bias");
    applyInPlace(y, *bias, [](float v, float b) { return v + b; });
  }
}

} // namespace accel::runtime::kernels
