//===- Passes.h - Accel conversion passes -----------------------*- C++ -*-===//
#ifndef ACCEL_CONVERSION_PASSES_H
#define ACCEL_CONVERSION_PASSES_H

#include "accel/Dialect/Host/IR/Host.h"
#include "accel/Dialect/Tile/IR/Tile.h"
#include "accel/Dialect/Wavelet/IR/Wavelet.h"
#include "mlir/Pass/Pass.h"

namespace accel {
#define GEN_PASS_DECL
#include "accel/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

#endif // ACCEL_CONVERSION_PASSES_H
