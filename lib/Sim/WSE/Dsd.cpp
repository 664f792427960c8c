//===- Dsd.cpp - What the DSD arithmetic instructions compute -------------===//
//
// Operands are validated Mem ranges of the PE's own memory image. Elements are processed
// in order (i ascending), as the hardware streams them, so in-place operands behave like
// on the PE. Stride-1 fast paths are separate loops the compiler vectorises. With fp16,
// every stored result is rounded to binary16, and Gemv rounds after each fmac (the
// hardware does not accumulate in fp32).
//
//===----------------------------------------------------------------------===//
#include "accel/Sim/Common/Fp16.h"
#include "LayerSim.h"

#include <algorithm>
#include <cmath>

namespace accel::sim::wse {

namespace {

template <bool F16> inline float st(float v) {
  if constexpr (F16)
    return roundToFp16(v);
  else
    return v;
}

inline float *at(float *mem, const Mem &m, int64_t i) {
  return mem + (static_cast<int64_t>(m.addr) + i * m.stride);
}

template <bool F16, class F> void map1(float *mem, const Mem &d, const Mem &a, F f) {
  int64_t n = d.len;
  if (d.stride == 1 && a.stride == 1) {
    float *D = mem + d.addr;
    const float *A = mem + a.addr;
    for (int64_t i = 0; i < n; ++i)
      D[i] = st<F16>(f(A[i]));
    return;
  }
  for (int64_t i = 0; i < n; ++i)
    *at(mem, d, i) = st<F16>(f(*at(mem, a, i)));
}

template <bool F16, class F> void map2(float *mem, const Mem &d, const Mem &a, const Mem &b, F f) {
  int64_t n = d.len;
  if (d.stride == 1 && a.stride == 1 && (b.stride == 1 || b.stride == 0)) {
    float *D = mem + d.addr;
    const float *A = mem + a.addr;
    const float *B = mem + b.addr;
    if (b.stride == 1) {
      for (int64_t i = 0; i < n; ++i)
        D[i] = st<F16>(f(A[i], B[i]));
    } else {
      for (int64_t i = 0; i < n; ++i)
        D[i] = st<F16>(f(A[i], B[0]));
    }
    return;
  }
  for (int64_t i = 0; i < n; ++i)
    *at(mem, d, i) = st<F16>(f(*at(mem, a, i), *at(mem, b, i)));
}

template <bool F16> void gemv(const Instr &in, float *mem) {
  int64_t n = in.dst.len, k = in.a.len;
  if (!in.accumulate)
    for (int64_t j = 0; j < n; ++j)
      *at(mem, in.dst, j) = 0.0f;
  for (int64_t kk = 0; kk < k; ++kk) {
    float av = *at(mem, in.a, kk);
    const float *row = mem + (static_cast<int64_t>(in.b.addr) + kk * in.b.stride);
    if (in.dst.stride == 1) {
      float *D = mem + in.dst.addr;
      if constexpr (F16) {
        for (int64_t j = 0; j < n; ++j)
          D[j] = roundToFp16(D[j] + av * row[j]);
      } else {
        for (int64_t j = 0; j < n; ++j)
          D[j] += av * row[j];
      }
    } else {
      for (int64_t j = 0; j < n; ++j) {
        float *d = at(mem, in.dst, j);
        *d = st<F16>(*d + av * row[j]);
      }
    }
  }
}

template <bool F16> void reduce(const Instr &in, float *mem, bool isMax) {
  int64_t segs = in.dst.len, c = in.count;
  for (int64_t s = 0; s < segs; ++s) {
    float acc = *at(mem, in.a, s * c);
    for (int64_t j = 1; j < c; ++j) {
      float v = *at(mem, in.a, s * c + j);
      acc = st<F16>(isMax ? std::max(acc, v) : acc + v);
    }
    *at(mem, in.dst, s) = acc;
  }
}

template <bool F16> void execute(const Instr &in, float *mem) {
  switch (in.op) {
  case Opcode::Fill: {
    float v = st<F16>(in.imm);
    for (int64_t i = 0; i < in.dst.len; ++i)
      *at(mem, in.dst, i) = v;
    return;
  }
  case Opcode::Mov:
    return map1<F16>(mem, in.dst, in.a, [](float x) { return x; });
  case Opcode::Unary:
    if (in.fn == UnaryFn::Relu)
      return map1<F16>(mem, in.dst, in.a, [](float x) { return x > 0.0f ? x : 0.0f; });
    return map1<F16>(mem, in.dst, in.a, [fn = in.fn](float x) { return applyUnary(fn, x); });
  case Opcode::Add:
    return map2<F16>(mem, in.dst, in.a, in.b, [](float x, float y) { return x + y; });
  case Opcode::Sub:
    return map2<F16>(mem, in.dst, in.a, in.b, [](float x, float y) { return x - y; });
  case Opcode::Mul:
    return map2<F16>(mem, in.dst, in.a, in.b, [](float x, float y) { return x * y; });
  case Opcode::Div:
    return map2<F16>(mem, in.dst, in.a, in.b, [](float x, float y) { return x / y; });
  case Opcode::Max:
    return map2<F16>(mem, in.dst, in.a, in.b, [](float x, float y) { return std::max(x, y); });
  case Opcode::Min:
    return map2<F16>(mem, in.dst, in.a, in.b, [](float x, float y) { return std::min(x, y); });
  case Opcode::Fmac: {
    float c = *at(mem, in.c, 0);
    return map2<F16>(mem, in.dst, in.a, in.b, [c](float x, float y) { return x + y * c; });
  }
  case Opcode::Gemv:
    return gemv<F16>(in, mem);
  case Opcode::ReduceAdd:
  case Opcode::ReduceMax:
    return reduce<F16>(in, mem, in.op == Opcode::ReduceMax);
  default:
    return; // control flow and communication are the executor's
  }
}

} // namespace

void executeDsd(const Instr &in, float *mem, bool fp16) {
  if (fp16)
    execute<true>(in, mem);
  else
    execute<false>(in, mem);
}

} // namespace accel::sim::wse
