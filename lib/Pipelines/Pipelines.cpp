//===- Pipelines.cpp - The --lower-to-<target> pipelines ------------------===//
#include "accel/Pipelines/Pipelines.h"

#include "accel/Conversion/Passes.h"
#include "accel/Dialect/Dataflow/Transforms/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void accel::buildDataflowOptimizationPipeline(OpPassManager &pm) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addNestedPass<func::FuncOp>(accel::dataflow::createFoldBatchNorm());
  pm.addPass(createCanonicalizerPass());
}

void accel::buildLowerToHostPipeline(OpPassManager &pm, const TargetCompileOptions &) {
  buildDataflowOptimizationPipeline(pm);
  pm.addPass(accel::createConvertDataflowToHost());
}

void accel::registerPipelines() {
  PassPipelineRegistration<>(
      "lower-to-host",
      "Lower imported dataflow IR to the CPU host target (host.program)",
      [](OpPassManager &pm) { buildLowerToHostPipeline(pm, {}); });
}
