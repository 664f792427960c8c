//===- Simulator.h - The IPU BSP simulator ---------------------*- C++ -*-===//
//
// Executes a BSP Program (Program.h) step by step on a Machine (Machine.h): each vertex runs
// its codelet on its own tile's memory image, data moves between tiles only through the
// program's exchanges and between host tensors and tiles only through host exchanges (and
// the constant TileInits loaded with the program); cycles come from the machine model. The
// execution model is documented in docs/targets/ipu-simulator.md.
//
// Nothing here depends on MLIR or on the host kernels (a build-level test checks that the
// library links neither).
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SIM_IPU_SIMULATOR_H
#define ACCEL_SIM_IPU_SIMULATOR_H

#include "accel/Runtime/Status.h"
#include "accel/Sim/IPU/Machine.h"
#include "accel/Sim/IPU/Program.h"

#include <cstdint>
#include <string>
#include <vector>

namespace accel::sim::ipu {

/// A tensor of the schedule as the runtime hands it to the simulator, indexed by the
/// schedule's tensor index. Tensors the program does not reference may have data == nullptr.
/// Inits and to-device host copies read `data`; from-device copies write it (writable).
struct TensorView {
  float *data = nullptr;
  std::vector<int64_t> shape;
  bool writable = false;
};

/// Time and work charged to one Program::layers entry (steps with layer == -1 are only in
/// the totals).
struct LayerStats {
  std::string name, node, opType;
  uint64_t cycles = 0;         // sum of the cycles of its executed steps
  uint64_t computeCycles = 0, syncCycles = 0, exchangeCycles = 0, hostCycles = 0;
  uint64_t tilesUsed = 0;      // distinct tiles its steps touched
  uint64_t flops = 0;          // FLOPs its vertices executed
  uint64_t bytesExchanged = 0; // tile-to-tile bytes received (a broadcast per destination)
  uint64_t hostBytes = 0;      // bytes over the host link
};

/// One executed step, for a trace: track is "compute", "exchange", "sync" or "host".
struct Span {
  std::string track, name;
  int32_t layer = -1;
  uint64_t startCycle = 0, endCycle = 0;
};

struct RunStats {
  uint64_t cycles = 0; // end of the last step
  uint64_t computeCycles = 0, syncCycles = 0, exchangeCycles = 0, hostCycles = 0;
  uint64_t computeSteps = 0, syncs = 0, exchanges = 0, hostExchanges = 0; // executed
  uint64_t tilesUsed = 0;            // distinct tiles touched (inits, vertices, transfers)
  uint64_t memoryHighWaterBytes = 0; // the fullest tile: highest word it uses + 1, x 4
  uint64_t bytesExchanged = 0;       // sum of LayerStats::bytesExchanged, all steps
  uint64_t hostBytes = 0;
  uint64_t flops = 0;
  std::vector<LayerStats> layers; // one per Program::layers entry
  std::vector<Span> spans;        // at most Machine::maxTraceSpans
  uint64_t spansDropped = 0;
};

/// The semantic checks a loader runs on a (possibly damaged) program: every error names the
/// step, compute set, vertex, exchange, transfer or tile and what is wrong. Never asserts.
/// `tensorShapes[i]` is the shape of the schedule's tensor i.
runtime::Status validate(const Machine &machine, const Program &program,
                         const std::vector<std::vector<int64_t>> &tensorShapes);

/// Runs the program: validates it, loads the TileInits, then executes the steps in order,
/// reading and writing `tensors` through host exchanges. Fills `stats`. Errors (reading
/// unwritten tile memory, a missing tensor, runaway) name where they happen.
runtime::Status simulate(const Machine &machine, const Program &program,
                         std::vector<TensorView> &tensors, RunStats &stats);

} // namespace accel::sim::ipu

#endif // ACCEL_SIM_IPU_SIMULATOR_H
