//===- Reduce.cpp - Reductions over a set of axes -------------------------===//
#include "ChannelsLastView.h"
#include "KernelUtil.h"

#include <cmath>
#include <limits>

namespace accel::runtime::kernels {

using namespace detail;

namespace {

enum class Kind { Sum, Mean, Max, Min, Prod, L1, L2, LogSumExp, SumSquare };

Kind parseKind(const std::string &k) {
  if (k == "sum") return Kind::Sum;
  if (k == "mean") return Kind::Mean;
  if (k == "max") return Kind::Max;
  if (k == "min") return Kind::Min;
  if (k == "prod") return Kind::Prod;
  if (k == "l1") return Kind::L1;
  if (k == "l2") return Kind::L2;
  if (k == "log_sum_exp") return Kind::LogSumExp;
  if (k == "sum_square") return Kind::SumSquare;
  fail("unknown reduce kind '" + k + "'");
}

// Walks the input once; the accumulator index follows the keep-dims result shape, which
// broadcasts against the input (stride 0 along reduced dims).
template <typename T, typename Acc, typename F>
void accumulate(const Tensor &x, const BroadcastPlan &plan, std::vector<Acc> &acc, F f) {
  const T *in = x.data<T>();
  Acc *a = acc.data();
  int64_t inner = plan.inner;
  bool innerReduced = plan.innerStride[1] == 0;
  forEachRow(plan, [&](const int64_t *off) {
    const T *p = in + off[0];
    Acc *q = a + off[1];
    if (innerReduced) {
      Acc v = *q;
      for (int64_t i = 0; i < inner; ++i)
        v = f(v, p[i]);
      *q = v;
    } else {
      for (int64_t i = 0; i < inner; ++i)
        q[i] = f(q[i], p[i]);
    }
  });
}

template <typename T>
void reduceFloat(Kind kind, const Tensor &x, const BroadcastPlan &plan, int64_t count,
                 T *out, int64_t outN) {
  using Acc = double;
  std::vector<Acc> acc(static_cast<size_t>(outN));
  auto fill = [&](Acc v) { std::fill(acc.begin(), acc.end(), v); };
  switch (kind) {
  case Kind::Sum:
  case Kind::Mean:
    fill(0);
    accumulate<T>(x, plan, acc, [](Acc a, T v) { return a + v; });
    break;
  case Kind::Max:
    fill(-std::numeric_limits<Acc>::infinity());
    accumulate<T>(x, plan, acc, [](Acc a, T v) { return v > a ? Acc(v) : a; });
    break;
  case Kind::Min:
    fill(std::numeric_limits<Acc>::infinity());
    accumulate<T>(x, plan, acc, [](Acc a, T v) { return v < a ? Acc(v) : a; });
    break;
  case Kind::Prod:
    fill(1);
    accumulate<T>(x, plan, acc, [](Acc a, T v) { return a * v; });
    break;
  case Kind::L1:
    fill(0);
    accumulate<T>(x, plan, acc, [](Acc a, T v) { return a + std::fabs(Acc(v)); });
    break;
  case Kind::L2:
  case Kind::SumSquare:
    fill(0);
    accumulate<T>(x, plan, acc, [](Acc a, T v) { return a + Acc(v) * Acc(v); });
    break;
  case Kind::LogSumExp: {
    std::vector<Acc> mx(static_cast<size_t>(outN), -std::numeric_limits<Acc>::infinity());
    accumulate<T>(x, plan, mx, [](Acc a, T v) { return v > a ? Acc(v) : a; });
    // Second pass: sum of exp(x - max) with the max looked up per accumulator.
    fill(0);
    const T *in = x.data<T>();
    forEachRow(plan, [&](const int64_t *off) {
      for (int64_t i = 0; i < plan.inner; ++i) {
        int64_t j = off[1] + i * plan.innerStride[1];
        Acc m = std::isinf(mx[j]) ? 0 : mx[j];
        acc[j] += std::exp(Acc(in[off[0] + i]) - m);
      }
    });
    for (int64_t j = 0; j < outN; ++j)
      acc[j] = std::log(acc[j]) + (std::isinf(mx[j]) ? 0 : mx[j]);
    break;
  }
  }
  for (int64_t j = 0; j < outN; ++j) {
    Acc v = acc[j];
    if (kind == Kind::Mean)
      v = count ? v / static_cast<Acc>(count) : std::numeric_limits<Acc>::quiet_NaN();
    else if (kind == Kind::L2)
      v = std::sqrt(v);
    out[j] = static_cast<T>(v);
  }
}

template <typename T>
void reduceInt(Kind kind, const Tensor &x, const BroadcastPlan &plan, int64_t count,
               T *out, int64_t outN) {
  std::vector<T> acc(static_cast<size_t>(outN));
  auto fill = [&](T v) { std::fill(acc.begin(), acc.end(), v); };
  switch (kind) {
  case Kind::Sum:
  case Kind::Mean:
    fill(0);
    accumulate<T>(x, plan, acc, [](T a, T v) { return T(a + v); });
    break;
  case Kind::Max:
    fill(std::numeric_limits<T>::lowest());
    accumulate<T>(x, plan, acc, [](T a, T v) { return v > a ? v : a; });
    break;
  case Kind::Min:
    fill(std::numeric_limits<T>::max());
    accumulate<T>(x, plan, acc, [](T a, T v) { return v < a ? v : a; });
    break;
  case Kind::Prod:
    fill(1);
    accumulate<T>(x, plan, acc, [](T a, T v) { return T(a * v); });
    break;
  case Kind::L1:
    fill(0);
    accumulate<T>(x, plan, acc, [](T a, T v) { return T(a + (v < 0 ? -v : v)); });
    break;
  case Kind::SumSquare:
    fill(0);
    accumulate<T>(x, plan, acc, [](T a, T v) { return T(a + v * v); });
    break;
  default:
    fail("reduce kind not supported on integer tensors");
  }
  for (int64_t j = 0; j < outN; ++j)
    out[j] = kind == Kind::Mean && count ? T(acc[j] / count) : acc[j];
}

// Sum or mean of f32 over one contiguous block of dims: x viewed as [outer, len, inner],
// out[o, i] = sum_k x[o, k, i] (accumulated in double, as the general path does). Covers
// global pooling in both layouts: the logical N x C x (H W) (inner 1) and the
// channels-last view N x (H W) x C (inner C, vectorised across channels).
void reduceContiguousBlock(const float *x, float *out, int64_t outer, int64_t len,
                           int64_t inner, bool mean) {
  double scale = mean && len > 0 ? 1.0 / static_cast<double>(len) : 1.0;
  bool big = outer * len * inner >= kParallelMinElements;
  if (inner == 1) {
#pragma omp parallel for schedule(static) if (big && outer > 1)
    for (int64_t o = 0; o < outer; ++o) {
      const float *p = x + o * len;
      double s = 0;
      for (int64_t k = 0; k < len; ++k)
        s += p[k];
      out[o] = static_cast<float>(s * scale);
    }
    return;
  }
  // Columns split over the threads; each thread walks the rows of its columns.
  int chunks = big ? kernelThreads() : 1;
#pragma omp parallel for schedule(static, 1) num_threads(chunks) if (chunks > 1)
  for (int c = 0; c < chunks; ++c) {
    int64_t lo = inner * c / chunks, hi = inner * (c + 1) / chunks;
    std::vector<double> acc(static_cast<size_t>(hi - lo));
    for (int64_t o = 0; o < outer; ++o) {
      std::fill(acc.begin(), acc.end(), 0.0);
      const float *p = x + o * len * inner;
      for (int64_t k = 0; k < len; ++k)
        for (int64_t i = lo; i < hi; ++i)
          acc[static_cast<size_t>(i - lo)] += p[k * inner + i];
      for (int64_t i = lo; i < hi; ++i)
        out[o * inner + i] = static_cast<float>(acc[static_cast<size_t>(i - lo)] * scale);
    }
  }
}

} // namespace

void reduce(const KernelContext &ctx) {
  if (runInChannelsLastView(ctx, &reduce))
    return;
  const Tensor &x = ctx.in(0);
  Tensor &y = ctx.out(0);
  expectSameDType(x, y, "reduce");
  Kind kind = parseKind(ctx.attr().getString("kind"));
  std::vector<int64_t> axes = ctx.attr().getInts("axes", {});
  bool keep = ctx.attr().getInt("keep_dims", 1) != 0;
  int64_t r = x.rank();
  std::vector<bool> reduced(static_cast<size_t>(r), false);
  for (int64_t a : axes)
    reduced[normalizeAxis(a, r, "reduce axis")] = true;
  Shape keepShape, expect;
  int64_t count = 1;
  for (int64_t d = 0; d < r; ++d) {
    if (reduced[d]) {
      keepShape.push_back(1);
      count *= x.dim(d);
      if (keep)
        expect.push_back(1);
    } else {
      keepShape.push_back(x.dim(d));
      expect.push_back(x.dim(d));
    }
  }
  expectShape(y, expect, "result");
  if (axes.empty()) {
    if (x.byteSize())
      std::memcpy(y.raw(), x.raw(), static_cast<size_t>(x.byteSize()));
    return;
  }
  int64_t outN = y.numElements();
  if (outN == 0)
    return;
  // The reduced dims as one contiguous block [first, last): the direct loop.
  int64_t first = 0;
  while (first < r && !reduced[first])
    ++first;
  int64_t last = first;
  while (last < r && reduced[last])
    ++last;
  bool oneBlock = first < r;
  for (int64_t d = last; d < r; ++d)
    oneBlock = oneBlock && !reduced[d];
  if (x.dtype() == DType::F32 && (kind == Kind::Sum || kind == Kind::Mean) && oneBlock &&
      x.numElements() > 0) {
    int64_t outer = 1, inner = 1;
    for (int64_t d = 0; d < first; ++d)
      outer *= x.dim(d);
    for (int64_t d = last; d < r; ++d)
      inner *= x.dim(d);
    reduceContiguousBlock(x.data<float>(), y.data<float>(), outer, count, inner,
                          kind == Kind::Mean);
    return;
  }
  BroadcastPlan plan = planBroadcast(x.shape(), {x.shape(), keepShape});
  if (x.numElements() == 0) {
    // Reducing an empty extent: the identity of the reduction.
    plan.outer.assign(1, 0);
  }
  switch (x.dtype()) {
  case DType::F32: reduceFloat<float>(kind, x, plan, count, y.data<float>(), outN); return;
  case DType::F64: reduceFloat<double>(kind, x, plan, count, y.data<double>(), outN); return;
  case DType::I32: reduceInt<int32_t>(kind, x, plan, count, y.data<int32_t>(), outN); return;
  case DType::I64: reduceInt<int64_t>(kind, x, plan, count, y.data<int64_t>(), outN); return;
  default:
    fail("reduce does not support element type " + std::string(dtypeName(x.dtype())));
  }
}

} // namespace accel::runtime::kernels
