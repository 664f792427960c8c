//===- Pipelines.cpp - The --lower-to-<target> pipelines ------------------===//
#include "accel/Pipelines/Pipelines.h"

#include "accel/Conversion/Passes.h"
#include "accel/Dialect/Dataflow/Transforms/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

llvm::ArrayRef<llvm::StringRef> accel::allTargetNames() {
  static const llvm::StringRef names[] = {"wse", "ipu", "rdu", "lpu", "host"};
  return names;
}

bool accel::isTargetImplemented(llvm::StringRef target) { return target == "host"; }

void accel::buildDataflowOptimizationPipeline(OpPassManager &pm) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addNestedPass<func::FuncOp>(accel::dataflow::createFoldBatchNorm());
  pm.addPass(createCanonicalizerPass());
}

void accel::buildLowerToTargetPipeline(OpPassManager &pm, llvm::StringRef target) {
  buildDataflowOptimizationPipeline(pm);
  if (target == "host")
    pm.addPass(accel::createConvertDataflowToHost());
}

void accel::registerPipelines() {
  PassPipelineRegistration<>(
      "lower-to-host",
      "Lower imported dataflow IR to the CPU host target (host.program)",
      [](OpPassManager &pm) { buildLowerToTargetPipeline(pm, "host"); });
}
