//===- IpuTestUtil.h - Building small BSP programs for the IPU tests ------===//
#ifndef ACCEL_TEST_UNIT_SIM_IPU_IPUTESTUTIL_H
#define ACCEL_TEST_UNIT_SIM_IPU_IPUTESTUTIL_H

#include "accel/Sim/IPU/Simulator.h"

#include <gtest/gtest.h>

#include <vector>

namespace accel::sim::ipu::test {

inline Slice sl(uint32_t off, uint32_t len) { return Slice{off, len}; }

inline Vertex matmul(uint32_t tile, uint32_t m, uint32_t k, uint32_t n, Slice out, Slice a,
                     Slice b, bool acc = false) {
  Vertex v;
  v.tile = tile;
  v.codelet = Codelet::MatMul;
  v.m = m;
  v.k = k;
  v.n = n;
  v.out = out;
  v.a = a;
  v.b = b;
  v.accumulate = acc;
  return v;
}

inline Vertex ew(Codelet c, uint32_t tile, Slice out, Slice a, Slice b = Slice(),
                 float imm = 0.0f) {
  Vertex v;
  v.tile = tile;
  v.codelet = c;
  v.out = out;
  v.a = a;
  v.b = b;
  v.imm = imm;
  return v;
}

inline Vertex unary(UnaryFn fn, uint32_t tile, Slice out, Slice a) {
  Vertex v = ew(Codelet::Unary, tile, out, a);
  v.fn = fn;
  return v;
}

inline Vertex reduce(Codelet c, uint32_t tile, Slice out, Slice a, uint32_t count) {
  Vertex v = ew(c, tile, out, a);
  v.count = count;
  return v;
}

inline Vertex fill(uint32_t tile, Slice out, float imm) {
  return ew(Codelet::Fill, tile, out, Slice(), Slice(), imm);
}

/// A window: slab c x h x w, outputs oh x ow, kernel kh x kw; strides, dilations and
/// padding default to 1, 1, 0; cout defaults to c (what a pool needs).
inline Window window(uint32_t c, uint32_t h, uint32_t w, uint32_t oh, uint32_t ow,
                     uint32_t kh, uint32_t kw, uint32_t sh = 1, uint32_t sw = 1,
                     uint32_t dh = 1, uint32_t dw = 1, int32_t ph = 0, int32_t pw = 0,
                     uint32_t cout = 0) {
  return Window{c, h, w, oh, ow, kh, kw, sh, sw, dh, dw, ph, pw, cout ? cout : c};
}

inline Vertex conv(uint32_t tile, const Window &w, Slice out, Slice a, Slice b,
                   bool acc = false) {
  Vertex v = ew(Codelet::Conv, tile, out, a, b);
  v.window = w;
  v.accumulate = acc;
  return v;
}

inline Vertex pool(Codelet c, uint32_t tile, const Window &w, Slice out, Slice a,
                   bool countPad = false) {
  Vertex v = ew(c, tile, out, a);
  v.window = w;
  v.countPad = countPad;
  return v;
}

inline Vertex transpose(uint32_t tile, uint32_t count, uint32_t m, uint32_t n, Slice out,
                        Slice a) {
  Vertex v = ew(Codelet::Transpose, tile, out, a);
  v.count = count;
  v.m = m;
  v.n = n;
  return v;
}

inline Vertex clamp(uint32_t tile, Slice out, Slice a, float lo, float hi) {
  Vertex v = ew(Codelet::Clamp, tile, out, a, Slice(), lo);
  v.imm2 = hi;
  return v;
}

inline Step compute(uint32_t i, int32_t layer = -1) { return Step{StepKind::Compute, i, 0, layer}; }
inline Step syncStep(int32_t layer = -1) { return Step{StepKind::Sync, 0, 0, layer}; }
inline Step exchange(uint32_t i, int32_t layer = -1) {
  return Step{StepKind::Exchange, i, 0, layer};
}
inline Step host(uint32_t i, int32_t layer = -1) {
  return Step{StepKind::HostExchange, i, 0, layer};
}
inline Step repeat(uint32_t count) { return Step{StepKind::RepeatBegin, 0, count, -1}; }
inline Step endRepeat() { return Step{StepKind::RepeatEnd, 0, 0, -1}; }

/// A view of `tensor`: element e of dims (size, stride) pairs from `base`.
inline View view(int32_t tensor, int64_t base, std::vector<std::pair<int64_t, int64_t>> dims,
                 float pad = 0.0f) {
  View v;
  v.tensor = tensor;
  v.base = base;
  v.dims = std::move(dims);
  v.pad = pad;
  return v;
}

/// A small machine: the GC200 numbers on `tiles` tiles.
inline Machine smallMachine(uint32_t tiles = 4) {
  Machine m = Machine::gc200();
  m.tiles = tiles;
  return m;
}

} // namespace accel::sim::ipu::test

#endif
