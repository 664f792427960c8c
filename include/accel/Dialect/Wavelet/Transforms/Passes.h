//===- Passes.h - wavelet (WSE) passes --------------------------*- C++ -*-===//
#ifndef ACCEL_DIALECT_WAVELET_TRANSFORMS_PASSES_H
#define ACCEL_DIALECT_WAVELET_TRANSFORMS_PASSES_H

#include "accel/Dialect/Wavelet/IR/Wavelet.h"
#include "mlir/Pass/Pass.h"

namespace accel::wavelet {

#define GEN_PASS_DECL
#include "accel/Dialect/Wavelet/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "accel/Dialect/Wavelet/Transforms/Passes.h.inc"

} // namespace accel::wavelet

#endif // ACCEL_DIALECT_WAVELET_TRANSFORMS_PASSES_H
