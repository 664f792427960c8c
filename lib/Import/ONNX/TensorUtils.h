//===- TensorUtils.h - ONNX element types and small shape math ---*- C++ -*-===//

#ifndef ACCEL_LIB_IMPORT_ONNX_TENSORUTILS_H
#define ACCEL_LIB_IMPORT_ONNX_TENSORUTILS_H

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <optional>
#include <string>

namespace accel::onnx_import {

/// The element types the dataflow dialect supports.
enum class ElemKind { F32, I64, I32, I1 };

/// Bytes per element of an ONNX TensorProto data type with a fixed width.
std::optional<size_t> elementByteSize(int32_t onnxType);

/// "FLOAT", "DOUBLE", ... for diagnostics.
std::string dataTypeName(int32_t onnxType);

/// The dataflow element kind of an ONNX data type, if supported.
std::optional<ElemKind> elemKindOf(int32_t onnxType);

mlir::Type mlirTypeOf(ElemKind kind, mlir::MLIRContext *context);
std::optional<ElemKind> elemKindOf(mlir::Type type);

int64_t numElements(llvm::ArrayRef<int64_t> shape);

/// numElements for shapes from user input: nullopt if a dim is negative or the
/// count exceeds 2^48 (no real tensor is that large; it also rules out overflow).
std::optional<int64_t> checkedNumElements(llvm::ArrayRef<int64_t> shape);

/// Normalises a possibly negative axis into [0, rank); nullopt if out of range.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank);
/// Flatten's axis: in [-rank, rank], negative values count from `rank`.
std::optional<int64_t> normalizeFlattenAxis(int64_t axis, int64_t rank);

} // namespace accel::onnx_import

#endif // ACCEL_LIB_IMPORT_ONNX_TENSORUTILS_H
