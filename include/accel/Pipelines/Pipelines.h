//===- Pipelines.h - The --lower-to-<target> pipelines ----------*- C++ -*-===//
#ifndef ACCEL_PIPELINES_PIPELINES_H
#define ACCEL_PIPELINES_PIPELINES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

#include <string>

namespace accel {

/// What a user chose for the device: `--device PRESET[:key=value,...]` and
/// `--precision` of accel-compile, or the pipeline options of `--lower-to-<target>`.
/// Empty strings mean the target's defaults. The device pipelines' first pass parses and
/// checks them and reports bad values as diagnostics.
struct TargetCompileOptions {
  std::string device;
  std::string precision;
  /// Host: fold elementwise epilogues into conv/matmul (`dataflow-fuse-epilogues`);
  /// `accel-compile --no-fusion` turns it off to compare fused and unfused results.
  bool fuseEpilogues = true;
};

/// Target-independent clean-up and optimisation run before every target's lowering.
void buildDataflowOptimizationPipeline(mlir::OpPassManager &pm);

/// `--lower-to-host`: optimisation, epilogue fusion (unless turned off), then placement in
/// a `host.program`.
void buildLowerToHostPipeline(mlir::OpPassManager &pm, const TargetCompileOptions &options);

/// `--lower-to-wse`: optimisation, the device descriptor, partitioning, mapping onto PE
/// regions, placement, routing, memory allocation and task generation (docs/targets/wse.md).
void buildLowerToWSEPipeline(mlir::OpPassManager &pm, const TargetCompileOptions &options);

/// `--lower-to-ipu`: optimisation, the device descriptor (`tile.ipu`), partitioning into
/// kernels of consecutive device ops, mapping onto tiles, memory allocation, and the host
/// program around the launches (docs/targets/ipu.md).
void buildLowerToIPUPipeline(mlir::OpPassManager &pm, const TargetCompileOptions &options);

/// Registers `--lower-to-<target>` (with its pipeline options) for every target.
void registerPipelines();

} // namespace accel

#endif // ACCEL_PIPELINES_PIPELINES_H
