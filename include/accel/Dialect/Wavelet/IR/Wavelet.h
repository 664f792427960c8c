//===- Wavelet.h - the wavelet dialect (Cerebras WSE) -----------*- C++ -*-===//
//
// Everything a user of the wavelet dialect needs: the dialect, its enums, attributes,
// types, interfaces and ops. The ops map 1:1 onto include/accel/Sim/WSE/Program.h.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_WAVELET_IR_WAVELET_H
#define ACCEL_DIALECT_WAVELET_IR_WAVELET_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

#include "accel/Dialect/Wavelet/IR/WaveletDialect.h.inc"
#include "accel/Dialect/Wavelet/IR/WaveletEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "accel/Dialect/Wavelet/IR/WaveletAttrs.h.inc"

#define GET_TYPEDEF_CLASSES
#include "accel/Dialect/Wavelet/IR/WaveletTypes.h.inc"

namespace accel::wavelet {

/// A memory operand of a DSD instruction: words offset + i * stride + [0, width) of
/// `buffer`, for i < len. Plain DSDs have width 1; gemv's matrix has len K, stride ld,
/// width N.
struct MemAccess {
  mlir::Value buffer;
  llvm::StringRef role; // operand name: "dst", "a", "b", "c", "w"
  int64_t offset = 0, len = 1, stride = 1, width = 1;
  bool isWrite = false;
  /// One past the last word touched.
  int64_t end() const { return offset + (len - 1) * stride + width; }
};

/// The router port a side of a PE is (Side values are Program.h's Dir, Dir bits 1 << Dir).
inline Dir dirOf(Side side) {
  return static_cast<Dir>(1u << static_cast<uint32_t>(side));
}

/// Builds the MemAccess of a `[offset, len, stride]` DSD attribute.
MemAccess getMemAccess(mlir::Value buffer, llvm::ArrayRef<int64_t> dsd, llvm::StringRef role,
                       bool isWrite);

/// Parses an f32 attribute parameter (the window padding value).
mlir::FailureOr<llvm::APFloat> parseF32Parameter(mlir::AsmParser &parser);

namespace detail {
/// The MemAccessOpInterface verifier: every range lies inside its buffer.
mlir::LogicalResult verifyMemAccesses(mlir::Operation *op);
} // namespace detail

} // namespace accel::wavelet

#include "accel/Dialect/Wavelet/IR/WaveletInterfaces.h.inc"

#define GET_OP_CLASSES
#include "accel/Dialect/Wavelet/IR/WaveletOps.h.inc"

#endif // ACCEL_DIALECT_WAVELET_IR_WAVELET_H
