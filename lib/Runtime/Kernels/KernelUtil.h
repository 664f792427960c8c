//===- KernelUtil.h - Shared helpers for host kernels -----------*- C++ -*-===//
#ifndef ACCEL_LIB_RUNTIME_KERNELS_KERNELUTIL_H
#define ACCEL_LIB_RUNTIME_KERNELS_KERNELUTIL_H

#include "accel/Runtime/Kernels.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace accel::runtime::detail {

[[noreturn]] void fail(const std::string &message);

// The items of a comma-separated list attribute ("sigmoid,tanh"); "" is one empty item.
std::vector<std::string> splitCommas(const std::string &list);

// Loops over fewer elements than this run on one thread: waking the OpenMP team costs
// more than it saves.
constexpr int64_t kParallelMinElements = int64_t(1) << 15;
void expectDType(const Tensor &t, DType dtype, const char *what);
void expectSameDType(const Tensor &a, const Tensor &b, const char *what);
void expectShape(const Tensor &t, const Shape &shape, const char *what);
// Normalises a possibly negative axis against `rank`; out of range -> fail.
int64_t normalizeAxis(int64_t axis, int64_t rank, const char *what);
// numpy broadcast of two shapes; incompatible -> fail.
Shape broadcastShapes(const Shape &a, const Shape &b);

// Broadcast iteration plan: the output shape is collapsed (size-1 dims dropped, dims merged
// where every operand broadcasts the same way) into rows of `inner` elements; each operand
// advances by `innerStride` (0 or 1) inside a row and by `outerStrides` between rows.
struct BroadcastPlan {
  Shape outer;
  int64_t inner = 1;
  std::vector<std::vector<int64_t>> outerStrides;
  std::vector<int64_t> innerStride;
  int64_t rows() const;
};
// Fails when an operand does not broadcast to `out`.
BroadcastPlan planBroadcast(const Shape &out, const std::vector<Shape> &operands);

// Calls f(row, row offsets per operand) for the rows [first, last), in output order.
template <typename F>
void forEachRowIn(const BroadcastPlan &plan, int64_t first, int64_t last, F &&f) {
  size_t nOps = plan.innerStride.size();
  size_t r = plan.outer.size();
  std::vector<int64_t> idx(r, 0);
  std::vector<int64_t> off(nOps, 0);
  for (size_t d = r, rest = static_cast<size_t>(first); d-- > 0;) {
    idx[d] = static_cast<int64_t>(rest % static_cast<size_t>(plan.outer[d]));
    rest /= static_cast<size_t>(plan.outer[d]);
    for (size_t o = 0; o < nOps; ++o)
      off[o] += idx[d] * plan.outerStrides[o][d];
  }
  for (int64_t row = first; row < last; ++row) {
    f(row, off.data());
    for (size_t d = r; d-- > 0;) {
      ++idx[d];
      for (size_t o = 0; o < nOps; ++o)
        off[o] += plan.outerStrides[o][d];
      if (idx[d] < plan.outer[d])
        break;
      for (size_t o = 0; o < nOps; ++o)
        off[o] -= plan.outerStrides[o][d] * idx[d];
      idx[d] = 0;
    }
  }
}

// Calls f(row offsets per operand) for every row, in output order.
template <typename F> void forEachRow(const BroadcastPlan &plan, F &&f) {
  forEachRowIn(plan, 0, plan.rows(), [&](int64_t, const int64_t *off) { f(off); });
}

int kernelThreadCount();

// forEachRowIn over all rows, split into one contiguous chunk per kernel thread when the
// plan covers at least kParallelMinElements; f(row, offsets) must only write row `row`.
template <typename F> void parallelRows(const BroadcastPlan &plan, F &&f) {
  int64_t rows = plan.rows();
  int chunks = rows > 1 && rows * plan.inner >= kParallelMinElements ? kernelThreadCount() : 1;
#pragma omp parallel for schedule(static, 1) num_threads(chunks) if (chunks > 1)
  for (int c = 0; c < chunks; ++c)
    forEachRowIn(plan, rows * c / chunks, rows * (c + 1) / chunks, f);
}

// Copies `in` broadcast to `out`'s shape, by element size.
void broadcastCopy(const Tensor &in, Tensor &out);

// Calls f<T>() with T the C++ type of `dtype` (F16 and BF16 as uint16_t, Bool as
// uint8_t).
template <typename F> decltype(auto) dispatchAll(DType dtype, F &&f) {
  switch (dtype) {
  case DType::F32: return f(float{});
  case DType::F64: return f(double{});
  case DType::F16: return f(uint16_t{});
  case DType::BF16: return f(uint16_t{});
  case DType::I8: return f(int8_t{});
  case DType::I16: return f(int16_t{});
  case DType::I32: return f(int32_t{});
  case DType::I64: return f(int64_t{});
  case DType::U8: return f(uint8_t{});
  case DType::U16: return f(uint16_t{});
  case DType::U32: return f(uint32_t{});
  case DType::U64: return f(uint64_t{});
  case DType::Bool: return f(uint8_t{});
  }
  return f(float{});
}

// By element size only, for pure data movement.
template <typename F> decltype(auto) dispatchBySize(DType dtype, F &&f) {
  switch (dtypeSize(dtype)) {
  case 1: return f(uint8_t{});
  case 2: return f(uint16_t{});
  case 4: return f(uint32_t{});
  default: return f(uint64_t{});
  }
}

// Pads a spatial parameter list to `n` entries (missing -> dflt); wrong length -> fail.
std::vector<int64_t> spatialParam(const Attributes &attrs, const char *name, size_t n,
                                  int64_t dflt);

} // namespace accel::runtime::detail

#endif // ACCEL_LIB_RUNTIME_KERNELS_KERNELUTIL_H
