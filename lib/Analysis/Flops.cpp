//===- Flops.cpp - Floating-point work of an op ----------------------------===//
//
// The counts live with the ops (dataflow's FlopCountOpInterface, FlopCounts.cpp); ops
// without the interface do no arithmetic.
//
//===----------------------------------------------------------------------===//
#include "accel/Analysis/Flops.h"

#include "accel/Dialect/Dataflow/IR/Dataflow.h"

uint64_t accel::estimateFlops(mlir::Operation *op) {
  if (auto counted = llvm::dyn_cast<accel::dataflow::FlopCountOpInterface>(op))
    return counted.getFlopCount();
  return 0;
}
