//===- Machine.cpp - Presets and the per-vertex cost model ----------------===//
//
// Worker costs per element come from poplibs' popops estimator tables
// (graphcore/poplibs lib/popops/PerformanceEstimation.hpp: unaryOpPerfInfo,
// binaryOpPerfInfo; {cyclesPerVector, vectorised}, a vector being 64 bits: 2 floats or
// 4 halves): cost per element = cyclesPerVector / elements per vector. Where poplibs has
// no entry (Erf, Relu, reductions, Fill, ScaledAdd) the value is a modelling choice, said
// so in docs/targets/ipu-simulator.md.
//
//===----------------------------------------------------------------------===//
#include "accel/Sim/IPU/Machine.h"

#include <algorithm>
#include <cmath>

namespace accel::sim::ipu {

Machine Machine::gc200() { return Machine(); }

Machine Machine::bow() {
  Machine m;
  m.name = "bow";
  m.clockHz = 1.85e9; // Bow IPU: the GC200 tile array at 1.85 GHz (wafer-on-wafer power)
  return m;
}

WorkerCosts Machine::defaultF32Costs() {
  WorkerCosts c;
  //           MatMul Add  Sub  Mul  Div Max Min Unary RAdd RMax Copy Fill ScaledAdd
  c.codelet = {0,     0.5, 0.5, 0.5, 5,  2,  2,  0,    0.5, 1,   0.5, 0.5, 1};
  //         Relu Exp Sigm Tanh Erf Sqrt Rsqrt Recip Neg  Abs Log Floor Ceil
  c.unary = {0.5, 1,  1,   1,   10, 23,  1,    2.5,  0.5, 1,  30, 1,    1};
  return c;
}

WorkerCosts Machine::defaultF16Costs() {
  WorkerCosts c;
  c.codelet = {0, 0.25, 0.25, 0.25, 5.25, 1, 1, 0, 0.25, 0.5, 0.25, 0.25, 0.5};
  c.unary = {0.25, 0.5, 0.5, 1, 10, 23, 0.75, 3.75, 0.25, 1, 3.75, 0.5, 0.5};
  return c;
}

uint64_t Machine::vertexFlops(const Vertex &v) {
  uint64_t n = v.out.len;
  switch (v.codelet) {
  case Codelet::MatMul:
    return 2ull * v.m * v.n * v.k;
  case Codelet::Add:
  case Codelet::Sub:
  case Codelet::Mul:
  case Codelet::Div:
  case Codelet::Max:
  case Codelet::Min:
  case Codelet::Unary:
    return n;
  case Codelet::ScaledAdd:
    return 2 * n;
  case Codelet::ReduceAdd:
  case Codelet::ReduceMax:
    return v.a.len;
  case Codelet::Copy:
  case Codelet::Fill:
    return 0;
  }
  return 0;
}

uint64_t Machine::ampVertexCycles(const Vertex &v) const {
  uint64_t macs = uint64_t(v.m) * v.n * v.k;
  uint64_t per = std::max<uint32_t>(ampMacsPerCycle(), 1);
  return ampVertexOverheadCycles + (macs + per - 1) / per;
}

uint64_t Machine::workerVertexCycles(const Vertex &v) const {
  const WorkerCosts &c = costs();
  size_t ci = static_cast<size_t>(v.codelet);
  double per = 0;
  if (v.codelet == Codelet::Unary) {
    size_t fi = static_cast<size_t>(v.fn);
    per = fi < c.unary.size() ? c.unary[fi] : 0;
  } else if (ci < c.codelet.size()) {
    per = c.codelet[ci];
  }
  double elems = (v.codelet == Codelet::ReduceAdd || v.codelet == Codelet::ReduceMax)
                     ? double(v.a.len)
                     : double(v.out.len);
  return vertexOverheadCycles + static_cast<uint64_t>(std::ceil(per * elems));
}

std::string Machine::check() const {
  if (tiles < 1)
    return "tiles must be at least 1";
  if (memoryBytesPerTile < 4)
    return "memory per tile must hold at least one 32-bit word";
  if (workersPerTile < 1 || workersPerTile > 64)
    return "workers per tile must be in [1, 64]";
  if (!(clockHz > 0) || !std::isfinite(clockHz))
    return "clock must be positive";
  if (ampF32MacsPerCycle < 1 || ampF16MacsPerCycle < 1)
    return "AMP MACs per cycle must be at least 1";
  if (!(exchangeBytesPerCycle > 0) || !std::isfinite(exchangeBytesPerCycle))
    return "exchange bytes per cycle must be positive";
  if (!(hostBytesPerSecond > 0) || !std::isfinite(hostBytesPerSecond))
    return "host link bytes per second must be positive";
  if (ipus < 1 || !(ipuLinkBytesPerSecond > 0))
    return "ipus and IPU-Link bandwidth must be positive";
  for (const WorkerCosts *c : {&f32, &f16}) {
    for (double x : c->codelet)
      if (!(x >= 0) || !std::isfinite(x) || x > 1e6)
        return "worker cycles per element must be in [0, 1e6]";
    for (double x : c->unary)
      if (!(x >= 0) || !std::isfinite(x) || x > 1e6)
        return "unary worker cycles per element must be in [0, 1e6]";
  }
  return "";
}

} // namespace accel::sim::ipu
