//===- Passes.h - dataflow transformation passes ----------------*- C++ -*-===//

#ifndef ACCEL_DIALECT_DATAFLOW_TRANSFORMS_PASSES_H
#define ACCEL_DIALECT_DATAFLOW_TRANSFORMS_PASSES_H

#include "accel/Dialect/Dataflow/IR/Dataflow.h"
#include "mlir/Pass/Pass.h"

namespace accel::dataflow {

#define GEN_PASS_DECL
#include "accel/Dialect/Dataflow/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "accel/Dialect/Dataflow/Transforms/Passes.h.inc"

} // namespace accel::dataflow

#endif // ACCEL_DIALECT_DATAFLOW_TRANSFORMS_PASSES_H
