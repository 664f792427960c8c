//===- Machine.h - The WSE machine model the fabric simulator uses -*- C++ -*-===//
//
// Every number the simulator charges comes from here. The defaults are the WSE-2 preset;
// tests override fields to get a small fabric or a tight queue. docs/targets/wse.md gives
// the public source of each preset number (or says it is a modelling choice).
//
// Nothing here depends on MLIR or on the host kernels.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SIM_WSE_MACHINE_H
#define ACCEL_SIM_WSE_MACHINE_H

#include "accel/Sim/WSE/Program.h"

#include <array>
#include <cstdint>
#include <string>

namespace accel::sim::wse {

/// Elements one PE processes per cycle for each DSD operation class (SIMD width).
struct SimdWidths {
  double fmac = 1;   // fused multiply-accumulate (Fmac, each Gemv row)
  double add = 2;    // Add, Sub, ReduceAdd, cheap Unary (Relu, Abs, Neg, Floor, Ceil)
  double mul = 1;    // Mul
  double minMax = 2; // Max, Min, ReduceMax
  double mov = 2;    // Mov, Fill (memory to memory moves)
};

struct Machine {
  std::string name = "wse2";            // preset name, for reports
  int32_t width = 757;                  // fabric PEs along x (east)
  int32_t height = 996;                 // fabric PEs along y (south)
  uint32_t memoryBytesPerPe = 48 * 1024; // SRAM per PE, shared by code and data
  uint32_t colors = 24;                 // routable colors (virtual channels) per router
  double clockHz = 1.1e9;               // core and fabric clock
  bool fp16 = false;                    // fp16 storage, fp16 rounding of every result, f16 rates
  SimdWidths f32{1, 2, 1, 2, 2};        // SIMD widths for fp32 data
  SimdWidths f16{4, 4, 4, 4, 4};        // SIMD widths for fp16 data
  uint32_t dsdOverheadCycles = 2;       // issue/setup cycles of every DSD instruction
  uint32_t loopCycles = 1;              // bookkeeping of a Loop entry and of each EndLoop
  double divCyclesPerElement = 10;      // Div: software reciprocal + multiply, per element
  /// Cycles per element of the software sequences of the UnaryFn (indexed by UnaryFn);
  /// the cheap ones (Relu, Abs, Neg, Floor, Ceil) ignore this and run at the add width.
  std::array<double, 13> unaryCyclesPerElement{
      0 /*Relu*/,  20 /*Exp*/,   25 /*Sigmoid*/, 25 /*Tanh*/, 30 /*Erf*/,
      12 /*Sqrt*/, 12 /*Rsqrt*/, 10 /*Recip*/,   0 /*Neg*/,   0 /*Abs*/,
      20 /*Log*/,  0 /*Floor*/,  0 /*Ceil*/};
  uint32_t queueDepthWavelets = 16;     // per-color input queue of a PE, in wavelets
  uint32_t hopLatencyCycles = 1;        // router-to-router latency of one hop
  double linkWaveletsPerCycle = 1;      // wavelets per cycle per direction on each link
  double ioInWaveletsPerCycle = 34;     // aggregate input-stream rate (all streams of a layer)
  double ioOutWaveletsPerCycle = 34;    // aggregate output-stream rate (all streams of a layer)
  uint64_t maxCycles = 1000000000ull;   // runaway guard: simulated time beyond this is an error

  static Machine wse2();
  static Machine wse3();

  const SimdWidths &simd() const { return fp16 ? f16 : f32; }
  /// Peak FLOPs per cycle of one PE (an fmac is 2 FLOPs).
  double peakFlopsPerCyclePerPe() const { return 2 * simd().fmac; }
  /// Cycles and FLOPs of one executed instruction (Recv/Send: overhead + len; Loop/EndLoop:
  /// loopCycles). Never below 1 cycle, never above peak FLOPs per cycle.
  uint64_t instrCycles(const Instr &in) const;
  static uint64_t instrFlops(const Instr &in);
  /// Empty when the machine is usable; otherwise what is wrong (non-positive widths...).
  std::string check() const;
};

} // namespace accel::sim::wse

#endif // ACCEL_SIM_WSE_MACHINE_H
