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

def FuseEpilogues : Pass<"dataflow-fuse-epilogues"> {
  let summary = "Fold the elementwise ops after a conv or matmul into a dataflow.fused op";
  let description = [{
    Grows a `dataflow.fused` op from each f32 `conv` or `matmul` by the chain
    of elementwise ops that follows it: `unary`, `clamp` and arithmetic
    `binary` ops whose only input from the chain is the previous value (bias
    and per-channel adds, residual adds, activations), and SiLU written as
    `x * sigmoid(x)`. A value is absorbed only when the next op is its single
    use (SiLU: its two uses are that pair), so no intermediate another op
    reads disappears. Target-independent: the host runs a fused op as one
    oneDNN primitive with post-ops; a target without epilogue support can
    inline the body again. The fused op carries the anchor's location; the
    ops inside keep theirs.
  }];
  let dependentDialects = ["::accel::dataflow::DataflowDialect"];
}

#endif // ACCEL_DIALECT_DATAFLOW_TRANSFORMS_PASSES_TD
