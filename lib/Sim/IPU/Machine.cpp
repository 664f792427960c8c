//===- Machine.cpp - Presets and the per-vertex cost model ----------------===//
//
// Worker costs per element come from poplibs' popops estimator tables
// (graphcore/poplibs lib/popops/PerformanceEstimation.hpp: unaryOpPerfInfo,
// binaryOpPerfInfo; {cyclesPerVector, vectorised}, a vector being 64 bits: 2 floats or
// 4 halves): cost per element = cyclesPerVector / elements per vector. Where poplibs has
// no entry (Erf, Relu, reductions, Fill, ScaledAdd) the value is a modelling choice, said
// so in docs/targets/ipu-simulator.md. The codelets and functions added later (Conv's
// rows, the pools, Transpose, Clamp, Gelu..Identity) cite the poplibs mk2-main estimators
// row by row there (popopsCycleEstimators.hpp/.cpp, popnn/poplin/popsparse
// PerformanceEstimation.hpp); "chosen" marks the rest.
//
//===----------------------------------------------------------------------===//
#include "accel/Sim/IPU/Machine.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace accel::sim::ipu {

Machine Machine::gc200() { return Machine(); }

Machine Machine::bow() {
  Machine m;
  m.name = "bow";
  m.clockHz = 1.85e9; // Bow IPU: the GC200 tile array at 1.85 GHz (wafer-on-wafer power)
  return m;
}

namespace {

// One row per Codelet / UnaryFn, in enum order; the static_asserts keep the tables in step
// with the enums (a missing entry would otherwise cost 0).
//                                   MatMul Add  Sub  Mul  Div Max Min Unary RAdd RMax Copy
constexpr double kF32Codelet[] = {0,     0.5, 0.5, 0.5, 5,  2,  2,  0,    0.5, 1,   0.5,
                                  // Fill ScaledAdd Conv MaxPool AvgPool Transpose Clamp Sum
                                  0.5,    1,        0,   1.5,    1.5,    0.75,     1,    0.5,
                                  // ReduceScaledAdd (as ReduceAdd: the scale is per output)
                                  0.5};
constexpr double kF16Codelet[] = {0,    0.25, 0.25, 0.25, 5.25, 1, 1, 0, 0.25, 0.5, 0.25,
                                  0.25, 0.5,  0,    0.75, 0.75, 0.25, 0.5,  0.25, 0.25};
//                             Relu Exp Sigm Tanh Erf Sqrt Rsqrt Recip Neg  Abs Log Floor
constexpr double kF32Unary[] = {0.5, 1,  1,   1,   10, 23,  1,    2.5,  0.5, 1,  30, 1,
                                // Ceil Gelu LeakyRelu HardSigmoid HardSwish Softplus Silu
                                1,      22,  2.5,      1.5,        2,        14,      5.5,
                                // Identity
                                0.5};
constexpr double kF16Unary[] = {0.25, 0.5, 0.5, 1,    10,   23,   0.75, 3.75, 0.25, 1,
                                3.75, 0.5, 0.5, 16,   1.25, 0.75, 1,    6.5,  1.25, 0.25};
static_assert(std::size(kF32Codelet) == kNumCodelets && std::size(kF16Codelet) == kNumCodelets,
              "one worker cost per Codelet");
static_assert(std::size(kF32Unary) == kNumUnaryFns && std::size(kF16Unary) == kNumUnaryFns,
              "one worker cost per UnaryFn");

WorkerCosts costTable(const double (&codelet)[kNumCodelets],
                      const double (&unary)[kNumUnaryFns]) {
  WorkerCosts c;
  std::copy(std::begin(codelet), std::end(codelet), c.codelet.begin());
  std::copy(std::begin(unary), std::end(unary), c.unary.begin());
  return c;
}

} // namespace

WorkerCosts Machine::defaultF32Costs() { return costTable(kF32Codelet, kF32Unary); }

WorkerCosts Machine::defaultF16Costs() { return costTable(kF16Codelet, kF16Unary); }

uint64_t Machine::vertexFlops(const Vertex &v) {
  uint64_t n = v.out.len;
  switch (v.codelet) {
  case Codelet::MatMul:
    return 2ull * v.m * v.n * v.k;
  case Codelet::Conv:
    return 2 * v.window.convMacs();
  case Codelet::MaxPool:
  case Codelet::AvgPool:
    return n * v.window.taps();
  case Codelet::Add:
  case Codelet::Sub:
  case Codelet::Mul:
  case Codelet::Div:
  case Codelet::Max:
  case Codelet::Min:
  case Codelet::Unary:
  case Codelet::Clamp:
    return n;
  case Codelet::ScaledAdd:
    return 2 * n;
  case Codelet::ReduceAdd:
  case Codelet::ReduceMax:
  case Codelet::ReduceScaledAdd:
    return v.a.len;
  case Codelet::Sum:
    return v.count > 1 ? uint64_t(v.count - 1) * n : 0;
  case Codelet::Copy:
  case Codelet::Fill:
  case Codelet::Transpose:
    return 0;
  }
  return 0;
}

uint64_t Machine::ampVertexCycles(const Vertex &v) const {
  bool conv = v.codelet == Codelet::Conv;
  uint64_t macs = conv ? v.window.convMacs() : uint64_t(v.m) * v.n * v.k;
  uint64_t per = std::max<uint32_t>(ampMacsPerCycle(), 1);
  uint64_t cycles = ampVertexOverheadCycles + (macs + per - 1) / per;
  // The AMP streams one output row per kernel row per output channel; each such worklist
  // row costs its pointer set-up (docs/targets/ipu-simulator.md, "Conv").
  if (conv)
    cycles += uint64_t(convRowCycles) * v.window.cout * v.window.oh * v.window.kh;
  return cycles;
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
  double elems = double(v.out.len);
  if (v.codelet == Codelet::ReduceAdd || v.codelet == Codelet::ReduceMax ||
      v.codelet == Codelet::ReduceScaledAdd)
    elems = double(v.a.len);
  else if (v.codelet == Codelet::Sum) // every block is read once: like ReduceAdd per input
    elems = double(v.out.len) * double(std::max<uint32_t>(v.count, 1));
  else if (v.codelet == Codelet::MaxPool || v.codelet == Codelet::AvgPool)
    elems = double(v.out.len) * double(v.window.taps());
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
