//===- Softmax.cpp - softmax / log-softmax along one axis -----------------===//
#include "FastMath.h"
#include "KernelUtil.h"

#include <cmath>
#include <limits>

namespace accel::runtime::kernels {

using namespace detail;

void softmax(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  Tensor &y = ctx.out(0);
  expectDType(x, DType::F32, "softmax input");
  expectDType(y, DType::F32, "softmax result");
  expectShape(y, x.shape(), "result");
  int64_t r = x.rank();
  if (r == 0)
    fail("softmax needs rank >= 1");
  int64_t axis = normalizeAxis(ctx.attr().getInt("axis", -1), r, "softmax axis");
  bool logMode = ctx.attr().getInt("log", 0) != 0;
  int64_t outer = 1, inner = 1, len = x.dim(axis);
  for (int64_t d = 0; d < axis; ++d)
    outer *= x.dim(d);
  for (int64_t d = axis + 1; d < r; ++d)
    inner *= x.dim(d);
  const float *in = x.data<float>();
  float *out = y.data<float>();
  if (inner == 1) {
    // Softmax over the last axis: rows are independent.
#pragma omp parallel for schedule(static) if (outer > 1 && outer * len >= kParallelMinElements)
    for (int64_t o = 0; o < outer; ++o) {
      const float *p = in + o * len;
      float *q = out + o * len;
      // Max and sum in kLanes independent lanes so both loops vectorise (a single
      // accumulator would need reassociation); the lanes are combined in double.
      constexpr int64_t kLanes = 16;
      float lanes[kLanes];
      for (float &l : lanes)
        l = -std::numeric_limits<float>::infinity();
      int64_t body = len - len % kLanes;
      for (int64_t k = 0; k < body; k += kLanes)
        for (int64_t j = 0; j < kLanes; ++j)
          lanes[j] = p[k + j] > lanes[j] ? p[k + j] : lanes[j];
      float m = -std::numeric_limits<float>::infinity();
      for (float l : lanes)
        m = l > m ? l : m;
      for (int64_t k = body; k < len; ++k)
        m = p[k] > m ? p[k] : m;
      for (int64_t k = 0; k < len; ++k)
        q[k] = fastExp(p[k] - m);
      for (float &l : lanes)
        l = 0;
      for (int64_t k = 0; k < body; k += kLanes)
        for (int64_t j = 0; j < kLanes; ++j)
          lanes[j] += q[k + j];
      double s = 0;
      for (float l : lanes)
        s += l;
      for (int64_t k = body; k < len; ++k)
        s += q[k];
      if (logMode) {
        float ls = static_cast<float>(std::log(s));
        for (int64_t k = 0; k < len; ++k)
          q[k] = p[k] - m - ls;
      } else {
        float inv = static_cast<float>(1.0 / s);
        for (int64_t k = 0; k < len; ++k)
          q[k] *= inv;
      }
    }
    return;
  }
  std::vector<float> mx(static_cast<size_t>(inner)), sum(static_cast<size_t>(inner));
  for (int64_t o = 0; o < outer; ++o) {
    const float *p = in + o * len * inner;
    float *q = out + o * len * inner;
    std::fill(mx.begin(), mx.end(), -std::numeric_limits<float>::infinity());
    std::fill(sum.begin(), sum.end(), 0.0f);
    for (int64_t k = 0; k < len; ++k)
      for (int64_t i = 0; i < inner; ++i)
        mx[i] = std::max(mx[i], p[k * inner + i]);
    for (int64_t k = 0; k < len; ++k)
      for (int64_t i = 0; i < inner; ++i) {
        float e = fastExp(p[k * inner + i] - mx[i]);
        q[k * inner + i] = e;
        sum[i] += e;
      }
    for (int64_t k = 0; k < len; ++k)
      for (int64_t i = 0; i < inner; ++i) {
        float &v = q[k * inner + i];
        v = logMode ? p[k * inner + i] - mx[i] - std::log(sum[i]) : v / sum[i];
      }
  }
}

} // namespace accel::runtime::kernels
