//===- KernelUtil.cpp - Shared helpers for host kernels -------------------===//
#include "KernelUtil.h"

namespace accel::runtime::detail {

int kernelThreadCount() { return kernelThreads(); }

std::vector<std::string> splitCommas(const std::string &list) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos)
      comma = list.size();
    items.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

void fail(const std::string &message) { throw KernelError(message); }

void expectDType(const Tensor &t, DType dtype, const char *what) {
  if (t.dtype() != dtype)
    fail(std::string(what) + " must be " + std::string(dtypeName(dtype)) + ", got " +
         std::string(dtypeName(t.dtype())));
}

void expectSameDType(const Tensor &a, const Tensor &b, const char *what) {
  if (a.dtype() != b.dtype())
    fail(std::string(what) + ": element types differ (" + std::string(dtypeName(a.dtype())) +
         " vs " + std::string(dtypeName(b.dtype())) + ")");
}

void expectShape(const Tensor &t, const Shape &shape, const char *what) {
  if (t.shape() != shape)
    fail(std::string(what) + " has shape " + shapeToString(t.shape()) + ", expected " +
         shapeToString(shape));
}

int64_t normalizeAxis(int64_t axis, int64_t rank, const char *what) {
  int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank)
    fail(std::string(what) + " " + std::to_string(axis) + " out of range for rank " +
         std::to_string(rank));
  return a;
}

Shape broadcastShapes(const Shape &a, const Shape &b) {
  size_t r = std::max(a.size(), b.size());
  Shape out(r, 1);
  for (size_t i = 0; i < r; ++i) {
    int64_t da = i < r - a.size() ? 1 : a[i - (r - a.size())];
    int64_t db = i < r - b.size() ? 1 : b[i - (r - b.size())];
    if (da != db && da != 1 && db != 1)
      fail("shapes " + shapeToString(a) + " and " + shapeToString(b) +
           " do not broadcast");
    out[i] = da == 1 ? db : da;
  }
  return out;
}

int64_t BroadcastPlan::rows() const {
  int64_t n = 1;
  for (int64_t d : outer)
    n *= d;
  return n;
}

BroadcastPlan planBroadcast(const Shape &out, const std::vector<Shape> &operands) {
  size_t r = out.size();
  size_t nOps = operands.size();
  // Aligned operand dims; flag[o][d] = operand o is broadcast along d.
  std::vector<Shape> aligned(nOps, Shape(r, 1));
  for (size_t o = 0; o < nOps; ++o) {
    const Shape &s = operands[o];
    if (s.size() > r)
      fail("operand of shape " + shapeToString(s) + " does not broadcast to " +
           shapeToString(out));
    for (size_t i = 0; i < s.size(); ++i) {
      int64_t d = s[i];
      int64_t od = out[r - s.size() + i];
      if (d != od && d != 1)
        fail("operand of shape " + shapeToString(s) + " does not broadcast to " +
             shapeToString(out));
      aligned[o][r - s.size() + i] = d;
    }
  }
  // Collapse: drop size-1 output dims, merge neighbours with equal broadcast patterns.
  Shape dims;
  std::vector<std::vector<bool>> bcast; // per collapsed dim, per operand
  for (size_t d = 0; d < r; ++d) {
    if (out[d] == 1)
      continue;
    std::vector<bool> pat(nOps);
    for (size_t o = 0; o < nOps; ++o)
      pat[o] = aligned[o][d] == 1;
    if (!dims.empty() && bcast.back() == pat) {
      dims.back() *= out[d];
    } else {
      dims.push_back(out[d]);
      bcast.push_back(pat);
    }
  }
  BroadcastPlan plan;
  if (dims.empty()) {
    dims.push_back(1);
    bcast.push_back(std::vector<bool>(nOps, true));
  }
  size_t c = dims.size();
  plan.inner = dims.back();
  plan.outer.assign(dims.begin(), dims.end() - 1);
  plan.outerStrides.assign(nOps, std::vector<int64_t>(c - 1, 0));
  plan.innerStride.assign(nOps, 0);
  for (size_t o = 0; o < nOps; ++o) {
    int64_t stride = 1;
    for (size_t d = c; d-- > 0;) {
      int64_t s = bcast[d][o] ? 0 : stride;
      if (!bcast[d][o])
        stride *= dims[d];
      if (d == c - 1)
        plan.innerStride[o] = s;
      else
        plan.outerStrides[o][d] = s;
    }
  }
  return plan;
}

void broadcastCopy(const Tensor &in, Tensor &out) {
  if (in.dtype() != out.dtype())
    fail("element types differ");
  BroadcastPlan plan = planBroadcast(out.shape(), {in.shape()});
  if (out.numElements() == 0)
    return;
  dispatchBySize(in.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T *src = in.data<T>();
    T *dst = out.data<T>();
    int64_t inner = plan.inner;
    int64_t s = plan.innerStride[0];
    forEachRow(plan, [&](const int64_t *off) {
      const T *p = src + off[0];
      if (s)
        std::memcpy(dst, p, sizeof(T) * inner);
      else
        for (int64_t i = 0; i < inner; ++i)
          dst[i] = *p;
      dst += inner;
    });
  });
}

std::vector<int64_t> spatialParam(const Attributes &attrs, const char *name, size_t n,
                                  int64_t dflt) {
  std::vector<int64_t> v = attrs.getInts(name, {});
  if (v.empty())
    return std::vector<int64_t>(n, dflt);
  if (v.size() != n)
    fail(std::string("attribute '") + name + "' has " + std::to_string(v.size()) +
         " values, expected " + std::to_string(n));
  return v;
}

} // namespace accel::runtime::detail
