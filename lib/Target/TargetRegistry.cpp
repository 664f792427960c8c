//===- TargetRegistry.cpp - The compiler's targets ------------------------===//
#include "accel/Target/TargetRegistry.h"

#include "accel/Dialect/Host/IR/Host.h"
#include "accel/Pipelines/Pipelines.h"
#include "accel/Target/Schedule/TileEmitter.h"
#include "accel/Target/Schedule/WaveletEmitter.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir;

namespace accel {

namespace {

bool hostOwnsModule(ModuleOp module) {
  // A host module has a host.program and no device anchor (every device target's
  // ownsModule is asked first).
  return !module.getOps<host::ProgramOp>().empty();
}

const CompilerTarget kTargets[] = {
    {"wse", "Cerebras WSE: PE mesh, colors, wavelet-triggered tasks (wavelet dialect)",
     buildLowerToWSEPipeline, wseOwnsModule, createWaveletSegmentEmitter},
    {"ipu", "Graphcore IPU: tiles, BSP compute / sync / exchange (tile dialect)",
     buildLowerToIPUPipeline, tileOwnsModule, createTileSegmentEmitter},
    {"host", "the CPU host: one kernel per dataflow op", buildLowerToHostPipeline,
     hostOwnsModule, nullptr},
};

} // namespace

llvm::ArrayRef<CompilerTarget> compilerTargets() { return kTargets; }

const CompilerTarget *lookupCompilerTarget(llvm::StringRef name) {
  for (const CompilerTarget &t : kTargets)
    if (name == t.name)
      return &t;
  return nullptr;
}

llvm::ArrayRef<llvm::StringRef> knownTargetNames() {
  static const llvm::StringRef names[] = {"wse", "ipu", "rdu", "lpu", "host"};
  return names;
}

std::string implementedTargetList() {
  std::string list;
  for (const CompilerTarget &t : kTargets)
    list += (list.empty() ? "" : ", ") + std::string(t.name);
  return list;
}

LogicalResult emitScheduleForModule(ModuleOp module, llvm::raw_ostream &os,
                                    const EmitScheduleOptions &options) {
  for (const CompilerTarget &t : kTargets) {
    if (!t.createEmitter || !t.ownsModule(module))
      continue;
    std::unique_ptr<DeviceSegmentEmitter> emitter = t.createEmitter();
    return emitSchedule(module, os, options, emitter.get());
  }
  return emitSchedule(module, os, options, nullptr);
}

} // namespace accel
