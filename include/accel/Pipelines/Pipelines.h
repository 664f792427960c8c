//===- Pipelines.h - The --lower-to-<target> pipelines ----------*- C++ -*-===//
#ifndef ACCEL_PIPELINES_PIPELINES_H
#define ACCEL_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace accel {

/// Every target name Accel knows (`--target` of accel-compile, `--lower-to-<name>`).
llvm::ArrayRef<llvm::StringRef> allTargetNames();

/// Whether `target` has a lowering pipeline in this build.
bool isTargetImplemented(llvm::StringRef target);

/// Target-independent clean-up and optimisation run before every target's lowering.
void buildDataflowOptimizationPipeline(mlir::OpPassManager &pm);

/// The whole lowering from imported `dataflow` IR to the target's dialect. The target must
/// be implemented (see isTargetImplemented).
void buildLowerToTargetPipeline(mlir::OpPassManager &pm, llvm::StringRef target);

/// Registers `--lower-to-<target>` for every implemented target.
void registerPipelines();

} // namespace accel

#endif // ACCEL_PIPELINES_PIPELINES_H
