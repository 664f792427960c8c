//===- Flops.h - Floating-point work of dataflow ops ------------*- C++ -*-===//
//
// One FLOP count per op, shared by every target so "device share of FLOPs" means the same
// thing everywhere. A multiply-accumulate counts as 2; data movement counts as 0.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_ANALYSIS_FLOPS_H
#define ACCEL_ANALYSIS_FLOPS_H

#include <cstdint>

namespace mlir {
class Operation;
} // namespace mlir

namespace accel {
/// Estimated floating-point operations of one `dataflow` op (0 for unknown ops and for
/// pure data movement).
uint64_t estimateFlops(mlir::Operation *op);
} // namespace accel

#endif // ACCEL_ANALYSIS_FLOPS_H
