//===- Machine.cpp - Presets and the per-instruction cost model -----------===//
#include "accel/Sim/WSE/Machine.h"

#include <algorithm>
#include <cmath>

namespace accel::sim::wse {

Machine Machine::wse2() { return Machine(); }

Machine Machine::wse3() {
  Machine m;
  m.name = "wse3";
  m.width = 762;
  m.height = 1172;
  return m;
}

namespace {
uint64_t ceilDiv(double elems, double perCycle) {
  if (elems <= 0)
    return 0;
  return static_cast<uint64_t>(std::ceil(elems / perCycle));
}
bool cheapUnary(UnaryFn fn) {
  return fn == UnaryFn::Relu || fn == UnaryFn::Abs || fn == UnaryFn::Neg ||
         fn == UnaryFn::Floor || fn == UnaryFn::Ceil;
}
} // namespace

uint64_t Machine::instrFlops(const Instr &in) {
  uint64_t n = in.dst.len;
  switch (in.op) {
  case Opcode::Add:
  case Opcode::Sub:
  case Opcode::Mul:
  case Opcode::Div:
  case Opcode::Max:
  case Opcode::Min:
  case Opcode::Unary:
    return n;
  case Opcode::Fmac:
    return 2 * n;
  case Opcode::Gemv:
    return 2 * static_cast<uint64_t>(in.a.len) * n;
  case Opcode::ReduceAdd:
  case Opcode::ReduceMax:
    return n * in.count;
  default:
    return 0;
  }
}

uint64_t Machine::instrCycles(const Instr &in) const {
  const SimdWidths &w = simd();
  double n = in.dst.len;
  uint64_t cycles = 0;
  switch (in.op) {
  case Opcode::Recv:
  case Opcode::Send:
    cycles = dsdOverheadCycles + static_cast<uint64_t>(in.a.len);
    break;
  case Opcode::Loop:
  case Opcode::EndLoop:
    cycles = loopCycles;
    break;
  case Opcode::Fill:
  case Opcode::Mov:
    cycles = dsdOverheadCycles + ceilDiv(n, w.mov);
    break;
  case Opcode::Add:
  case Opcode::Sub:
    cycles = dsdOverheadCycles + ceilDiv(n, w.add);
    break;
  case Opcode::Mul:
    cycles = dsdOverheadCycles + ceilDiv(n, w.mul);
    break;
  case Opcode::Max:
  case Opcode::Min:
    cycles = dsdOverheadCycles + ceilDiv(n, w.minMax);
    break;
  case Opcode::Div:
    cycles = dsdOverheadCycles + ceilDiv(n * divCyclesPerElement, 1);
    break;
  case Opcode::Fmac:
    cycles = dsdOverheadCycles + ceilDiv(n, w.fmac);
    break;
  case Opcode::Gemv: // a.len fmacs of length dst.len, each a DSD instruction
    cycles = static_cast<uint64_t>(in.a.len) * (dsdOverheadCycles + ceilDiv(n, w.fmac));
    break;
  case Opcode::Unary: {
    size_t fn = static_cast<size_t>(in.fn);
    if (cheapUnary(in.fn) || fn >= unaryCyclesPerElement.size())
      cycles = dsdOverheadCycles + ceilDiv(n, w.add);
    else
      cycles = dsdOverheadCycles + ceilDiv(n * unaryCyclesPerElement[fn], 1);
    break;
  }
  case Opcode::ReduceAdd:
    cycles = dsdOverheadCycles + ceilDiv(n * in.count, w.add);
    break;
  case Opcode::ReduceMax:
    cycles = dsdOverheadCycles + ceilDiv(n * in.count, w.minMax);
    break;
  }
  // Whatever the widths say, a PE never beats its peak (fmac width * 2 FLOPs per cycle).
  uint64_t flopBound = ceilDiv(static_cast<double>(instrFlops(in)), peakFlopsPerCyclePerPe());
  return std::max<uint64_t>({cycles, flopBound, 1});
}

std::string Machine::check() const {
  if (width < 1 || height < 1)
    return "fabric size must be at least 1x1";
  if (colors < 1 || colors > 256)
    return "colors must be in [1, 256]";
  if (memoryBytesPerPe < 4)
    return "memory per PE must hold at least one word";
  for (const SimdWidths *w : {&f32, &f16})
    if (!(w->fmac > 0 && w->add > 0 && w->mul > 0 && w->minMax > 0 && w->mov > 0))
      return "SIMD widths must be positive";
  if (!(divCyclesPerElement >= 0) || !(clockHz > 0))
    return "Div cost and clock must be positive";
  for (double c : unaryCyclesPerElement)
    if (!(c >= 0))
      return "unary costs must be non-negative";
  if (!(linkWaveletsPerCycle > 0) || !(ioInWaveletsPerCycle > 0) || !(ioOutWaveletsPerCycle > 0))
    return "link and I/O rates must be positive";
  if (queueDepthWavelets < 1)
    return "queue depth must be at least one wavelet";
  return "";
}

} // namespace accel::sim::wse
