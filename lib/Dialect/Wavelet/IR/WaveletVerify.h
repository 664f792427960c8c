//===- WaveletVerify.h - checks shared by the wavelet op verifiers -*- C++ -*-===//
#ifndef ACCEL_LIB_DIALECT_WAVELET_IR_WAVELETVERIFY_H
#define ACCEL_LIB_DIALECT_WAVELET_IR_WAVELETVERIFY_H

#include "accel/Dialect/Wavelet/IR/Wavelet.h"

namespace accel::wavelet::detail {

/// `color` is below the enclosing fabric's color count (no fabric: not checked).
mlir::LogicalResult verifyColor(mlir::Operation *op, int64_t color);

/// Every window dim maps to a dim of a tensor of type `type`.
mlir::LogicalResult verifyWindow(mlir::Operation *op, WindowAttr window,
                                 mlir::RankedTensorType type, llvm::StringRef what);

/// The name of the buffer `value` is (its wavelet.buffer's name), for diagnostics.
std::string bufferName(mlir::Value value);

/// Port name of a side, for diagnostics.
llvm::StringRef sideName(Side side);

} // namespace accel::wavelet::detail

#endif // ACCEL_LIB_DIALECT_WAVELET_IR_WAVELETVERIFY_H
