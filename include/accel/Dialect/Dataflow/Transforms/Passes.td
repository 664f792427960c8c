//===- Passes.td - dataflow transformation passes ----------*- tablegen -*-===//

#ifndef ACCEL_DIALECT_DATAFLOW_TRANSFORMS_PASSES_TD
#define ACCEL_DIALECT_DATAFLOW_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def FoldBatchNorm : Pass<"dataflow-fold-batchnorm"> {
  let summary = "Fold per-channel mul/add (imported BatchNormalization) into conv";
  let description = [{
    Rewrites `conv -> binary mul (per-output-channel constant) -> binary add
    (per-output-channel constant)` into a single `conv` with scaled weights and
    a new bias; either the mul or the add may be missing. Applies only when the
    conv weight (and bias, if any) and the per-channel factors are constants
    and each intermediate result has a single use. New weights are
    `dense_resource` blobs; the new ops carry a fused location of the ops they
    replace.
  }];
  let dependentDialects = ["::accel::dataflow::DataflowDialect"];
}

#endif // ACCEL_DIALECT_DATAFLOW_TRANSFORMS_PASSES_TD
