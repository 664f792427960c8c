//===- TargetRegistry.h - One registration per compiler target --*- C++ -*-===//
//
// Every target the compiler can lower to registers here once: its name, how to build its
// `--lower-to-<name>` pipeline, how to recognise a module lowered to it, and the emitter
// of its device segments. Tools (accel-compile, accel-translate) ask the registry; a
// target's name appears in this table and nowhere else in the tools.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TARGET_TARGETREGISTRY_H
#define ACCEL_TARGET_TARGETREGISTRY_H

#include "accel/Pipelines/Pipelines.h"
#include "accel/Target/Schedule/DeviceSegmentEmitter.h"
#include "accel/Target/Schedule/ScheduleEmitter.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <string>

namespace accel {

struct CompilerTarget {
  const char *name;
  const char *description;
  /// Appends the whole lowering from imported `dataflow` IR.
  void (*buildPipeline)(mlir::OpPassManager &pm, const TargetCompileOptions &options);
  /// Whether `module` was lowered to this target (holds its anchor op).
  bool (*ownsModule)(mlir::ModuleOp module);
  /// The emitter of this target's device segments; nullptr for the host.
  std::unique_ptr<DeviceSegmentEmitter> (*createEmitter)();
};

/// Every target with a lowering in this build, in the order `--help` lists them.
llvm::ArrayRef<CompilerTarget> compilerTargets();
const CompilerTarget *lookupCompilerTarget(llvm::StringRef name);
/// Every target name Accel knows, including those not built yet.
llvm::ArrayRef<llvm::StringRef> knownTargetNames();
/// "host, wse": the implemented targets, for messages.
std::string implementedTargetList();

/// Emits the schedule of a lowered module, with the emitter of the target it was lowered
/// to (found from its anchor op).
mlir::LogicalResult emitScheduleForModule(mlir::ModuleOp module, llvm::raw_ostream &os,
                                          const EmitScheduleOptions &options = {});

/// Registers `--emit-schedule` (MLIR to .accel) and `--schedule-to-json` (.accel to JSON)
/// with mlir-translate's registry.
void registerScheduleTranslations();

} // namespace accel

#endif // ACCEL_TARGET_TARGETREGISTRY_H
