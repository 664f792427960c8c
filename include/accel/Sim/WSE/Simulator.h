//===- Simulator.h - The WSE fabric simulator ------------------*- C++ -*-===//
//
// Executes a fabric Program (Program.h) PE by PE on a Machine (Machine.h): each PE runs its
// tasks on its own memory image, data moves only as wavelets along the compiled routes,
// and cycles come from the machine model. The execution model is documented in
// docs/targets/wse-simulator.md.
//
// Nothing here depends on MLIR or on the host kernels (a build-level test checks that the
// library links neither).
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SIM_WSE_SIMULATOR_H
#define ACCEL_SIM_WSE_SIMULATOR_H

#include "accel/Runtime/Status.h"
#include "accel/Sim/WSE/Machine.h"
#include "accel/Sim/WSE/Program.h"

#include <cstdint>
#include <string>
#include <vector>

namespace accel::sim::wse {

/// A tensor of the schedule as the runtime hands it to the simulator, indexed by the
/// schedule's tensor index. Tensors the program does not reference may have data == nullptr.
/// Input streams and buffer inits read `data`; output streams write it (writable needed).
struct TensorView {
  float *data = nullptr;
  std::vector<int64_t> shape;
  bool writable = false;
};

struct LayerStats {
  std::string name, node, opType;
  uint64_t startCycle = 0;   // absolute cycle the layer starts (previous layer's end)
  uint64_t cycles = 0;       // until every PE finished and every output stream drained
  uint64_t pesUsed = 0;      // PEs of all region instances of the layer
  uint64_t busyPeCycles = 0; // sum over PEs of the cycles they executed instructions
  uint64_t flops = 0;        // FLOPs the PEs executed (fmac = 2)
  uint64_t messages = 0;     // messages injected (PE sends and input-stream messages)
  uint64_t wavelets = 0;     // wavelets injected
  uint64_t linkCycles = 0;   // sum over directed links of the cycles they carried wavelets
  uint64_t hops = 0;         // link traversals of messages (a multicast counts every link)
};

/// One region of one layer (all its instances): a trace track.
struct RegionStats {
  uint32_t layer = 0;
  std::string name;
  int32_t x = 0, y = 0, width = 0, height = 0, instances = 0;
  uint64_t startCycle = 0, endCycle = 0; // absolute
  uint64_t busyPeCycles = 0;             // sum over its PEs
  uint64_t maxPeBusyCycles = 0;          // the busiest PE
};

struct RunStats {
  uint64_t cycles = 0;                 // end of the last layer
  uint64_t pesUsed = 0;                // max over layers of PEs in use
  uint64_t memoryHighWaterBytes = 0;   // max over regions of memoryWords * 4 + codeBytes
  uint64_t fabricHops = 0;             // sum of LayerStats::hops
  uint64_t wavelets = 0;               // sum of LayerStats::wavelets
  uint64_t messages = 0;               // sum of LayerStats::messages
  uint64_t flops = 0;                  // sum of LayerStats::flops
  uint64_t busyPeCycles = 0;           // sum of LayerStats::busyPeCycles
  std::vector<LayerStats> layers;
  std::vector<RegionStats> regions;
};

/// The semantic checks a loader runs on a (possibly damaged) program: every error names the
/// layer, region, PE / instruction index and what is wrong. Never asserts.
/// `tensorShapes[i]` is the shape of the schedule's tensor i.
runtime::Status validate(const Machine &machine, const Program &program,
                         const std::vector<std::vector<int64_t>> &tensorShapes);

/// Runs the program: validates it, then executes its layers one after another, reading input
/// streams and buffer inits from `tensors` and writing output streams into them. Fills
/// `stats`. Errors (routing, deadlock, incomplete outputs, runaway) name where they happen.
runtime::Status simulate(const Machine &machine, const Program &program,
                         std::vector<TensorView> &tensors, RunStats &stats);

} // namespace accel::sim::wse

#endif // ACCEL_SIM_WSE_SIMULATOR_H
