//===- Machine.h - The IPU machine model the BSP simulator uses --*- C++ -*-===//
//
// Every number the simulator charges comes from here. The defaults are the GC200 (Mk2)
// preset; tests override fields to get a small machine. docs/targets/ipu-simulator.md gives
// the public source of each preset number, or says it is a modelling choice.
//
// Nothing here depends on MLIR or on the host kernels.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SIM_IPU_MACHINE_H
#define ACCEL_SIM_IPU_MACHINE_H

#include "accel/Sim/IPU/Program.h"

#include <array>
#include <cstdint>
#include <string>

namespace accel::sim::ipu {

constexpr size_t kNumCodelets = size_t(kLastCodelet) + 1;               // MatMul .. ReduceScaledAdd
constexpr size_t kNumUnaryFns = size_t(accel::sim::kLastUnaryFn) + 1;     // Relu .. Identity

/// Worker cycles per element of the worker (non-AMP) codelets, for one data type. Derived
/// from poplibs' estimator tables (cycles per 64-bit vector / elements per vector): see
/// docs/targets/ipu-simulator.md. Index by Codelet (the MatMul and Conv entries are unused)
/// and by UnaryFn. Reductions are charged per input element, the pools per window tap of
/// each output element (kh * kw per output).
struct WorkerCosts {
  std::array<double, kNumCodelets> codelet{};
  std::array<double, kNumUnaryFns> unary{};
};

struct Machine {
  std::string name = "gc200";             // preset name, for reports
  uint32_t tiles = 1472;                  // tiles per IPU
  uint32_t memoryBytesPerTile = 638976;   // 624 KiB: code, vertex state, data, buffers
  uint32_t workersPerTile = 6;            // hardware worker contexts, barrel-scheduled
  double clockHz = 1.33e9;                // tile clock
  uint32_t ampF32MacsPerCycle = 16;       // AMP f32 MACs per tile per cycle
  uint32_t ampF16MacsPerCycle = 64;       // AMP f16 MACs (f32 accumulation) per tile per cycle
  double exchangeBytesPerCycle = 4;       // per tile, sent and (separately) received
  uint32_t exchangeLatencyCycles = 32;    // fixed cost of a non-empty exchange (chosen)
  uint32_t syncCycles = 150;              // a global (chip) sync (chosen: no public figure)
  double hostBytesPerSecond = 32e9;       // host link (PCIe Gen4 x16 class; chosen)
  uint32_t ipus = 1;                      // IPUs; tiles are numbered IPU by IPU
  double ipuLinkBytesPerSecond = 320e9;   // IPU-Links, aggregate per IPU (each way)
  uint32_t ampVertexOverheadCycles = 50;  // tile cycles to start an AMP (MatMul, Conv) vertex
  uint32_t convRowCycles = 1;             // tile cycles per Conv output row and kernel row
  uint32_t vertexOverheadCycles = 20;     // worker cycles to start a worker vertex
  bool fp16 = false;                      // fp16 storage and rounding, f16 AMP and rates
  WorkerCosts f32 = defaultF32Costs();
  WorkerCosts f16 = defaultF16Costs();
  uint64_t maxCycles = 100000000000ull;   // runaway guard: simulated time beyond is an error
  uint64_t maxExecutedSteps = 100000000ull; // runaway guard on executed steps (loops)
  uint64_t maxTraceSpans = 200000;        // spans kept for the trace; the rest are counted
  uint64_t maxTraceBytes = 64ull << 20;   // ... and bytes of their names kept, likewise

  static Machine gc200();
  static Machine bow();
  static WorkerCosts defaultF32Costs();
  static WorkerCosts defaultF16Costs();

  const WorkerCosts &costs() const { return fp16 ? f16 : f32; }
  uint32_t ampMacsPerCycle() const { return fp16 ? ampF16MacsPerCycle : ampF32MacsPerCycle; }
  /// Peak FLOPs per cycle of one tile: the AMP (a MAC is 2 FLOPs).
  double peakFlopsPerCyclePerTile() const { return 2.0 * ampMacsPerCycle(); }
  /// Bytes one element occupies on the exchange and the host link (fp16: 2, f32: 4). Tile
  /// memory words are 32 bits in either mode (Program.h).
  uint32_t elementBytes() const { return fp16 ? 2 : 4; }
  uint32_t memoryWordsPerTile() const { return memoryBytesPerTile / 4; }

  /// Tile cycles of one AMP (supervisor) vertex. MatMul: overhead + ceil(m*n*k / MACs);
  /// Conv: overhead + ceil(MACs / MACs per cycle) + convRowCycles x cout*oh*kh (one
  /// worklist row per output channel, output row and kernel row).
  uint64_t ampVertexCycles(const Vertex &v) const;
  /// Worker cycles of one worker vertex: overhead + ceil(cost per element * elements); its
  /// tile time is workersPerTile times that (barrel scheduling).
  uint64_t workerVertexCycles(const Vertex &v) const;
  /// FLOPs a vertex executes (MAC = 2, Conv counting padding taps too; elementwise, Unary
  /// and Clamp 1 per output, ScaledAdd 2; reductions 1 per input element; pools 1 per
  /// window tap of each output; Copy, Fill and Transpose 0).
  static uint64_t vertexFlops(const Vertex &v);
  /// Empty when the machine is usable; otherwise what is wrong.
  std::string check() const;
};

} // namespace accel::sim::ipu

#endif // ACCEL_SIM_IPU_MACHINE_H
