//===- WseTestUtil.h - Building small fabric programs for the WSE tests ---===//
#ifndef ACCEL_TEST_UNIT_SIM_WSE_WSETESTUTIL_H
#define ACCEL_TEST_UNIT_SIM_WSE_WSETESTUTIL_H

#include "accel/Sim/WSE/Simulator.h"

#include <gtest/gtest.h>

#include <vector>

namespace accel::sim::wse::test {

constexpr DirMask N = dirBit(Dir::North), S = dirBit(Dir::South), E = dirBit(Dir::East),
                  W = dirBit(Dir::West), R = dirBit(Dir::Ramp);

inline PeSet all() { return PeSet(); }
inline PeSet at(int32_t x, int32_t y) {
  PeSet s;
  s.x0 = x;
  s.x1 = x + 1;
  s.y0 = y;
  s.y1 = y + 1;
  return s;
}
inline PeSet rect(int32_t x0, int32_t x1, int32_t y0, int32_t y1) {
  PeSet s;
  s.x0 = x0;
  s.x1 = x1;
  s.y0 = y0;
  s.y1 = y1;
  return s;
}
inline RouteRule route(PeSet pes, uint8_t color, DirMask rx, DirMask tx) {
  return RouteRule{pes, color, rx, tx};
}
inline Mem mem(uint32_t addr, uint32_t len, int32_t stride = 1) { return Mem{addr, len, stride}; }

inline Instr recv(uint8_t color, Mem a, PeSet pes = all()) {
  Instr i;
  i.op = Opcode::Recv;
  i.color = color;
  i.a = a;
  i.pes = pes;
  return i;
}
inline Instr send(uint8_t color, Mem a, PeSet pes = all()) {
  Instr i = recv(color, a, pes);
  i.op = Opcode::Send;
  return i;
}
inline Instr op3(Opcode op, Mem d, Mem a, Mem b, PeSet pes = all()) {
  Instr i;
  i.op = op;
  i.dst = d;
  i.a = a;
  i.b = b;
  i.pes = pes;
  return i;
}
inline Instr unary(UnaryFn fn, Mem d, Mem a) {
  Instr i = op3(Opcode::Unary, d, a, Mem{0, 0, 1});
  i.fn = fn;
  return i;
}
inline Instr fill(Mem d, float v) {
  Instr i;
  i.op = Opcode::Fill;
  i.dst = d;
  i.imm = v;
  return i;
}
inline Instr loop(uint32_t count, PeSet pes = all()) {
  Instr i;
  i.op = Opcode::Loop;
  i.count = count;
  i.pes = pes;
  return i;
}
inline Instr endLoop() {
  Instr i;
  i.op = Opcode::EndLoop;
  return i;
}

/// A 1-d window of `size` elements of tensor `t` starting at `base`.
inline Window window1d(int32_t t, int64_t size, int64_t base = 0) {
  Window w;
  w.tensor = t;
  WindowDim d;
  d.tensorDim = 0;
  d.size = size;
  d.base = base;
  w.dims.push_back(d);
  return w;
}
inline Stream stream(int32_t x, int32_t y, Dir side, uint8_t color, Window w,
                     uint32_t messageLen = 1 << 20) {
  Stream s;
  s.x = x;
  s.y = y;
  s.side = side;
  s.color = color;
  s.window = std::move(w);
  s.messageLen = messageLen;
  return s;
}
inline Task localTask(std::string name, std::vector<Instr> body) {
  Task t;
  t.name = std::move(name);
  t.body = std::move(body);
  return t;
}

/// Host-side tensors for a test: owns the storage, hands out views.
struct Tensors {
  std::vector<std::vector<float>> data;
  std::vector<std::vector<int64_t>> shapes;
  std::vector<bool> out;
  int32_t add(std::vector<int64_t> shape, std::vector<float> values, bool output = false) {
    int64_t n = 1;
    for (int64_t d : shape)
      n *= d;
    values.resize(size_t(n), output ? -12345.0f : 0.0f);
    data.push_back(std::move(values));
    shapes.push_back(std::move(shape));
    out.push_back(output);
    return int32_t(data.size() - 1);
  }
  std::vector<TensorView> views() {
    std::vector<TensorView> v;
    for (size_t i = 0; i < data.size(); ++i)
      v.push_back(TensorView{data[i].data(), shapes[i], bool(out[i])});
    return v;
  }
};

/// A small machine for tests (the WSE-2 cost model, a 16x16 fabric).
inline Machine smallMachine() {
  Machine m = Machine::wse2();
  m.width = 16;
  m.height = 16;
  return m;
}

} // namespace accel::sim::wse::test

#endif
