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

/// The compute element types of the dataflow dialect (docs/dialect.md, "Storage
/// types vs compute types"): every value between graph entry and exit has one.
enum class ElemKind { F32, I64, I32, I1 };

/// Bytes per element of an ONNX TensorProto data type with a fixed width.
std::optional<size_t> elementByteSize(int32_t onnxType);

/// "FLOAT", "DOUBLE", ... for diagnostics.
std::string dataTypeName(int32_t onnxType);

/// The compute kind that holds values of an ONNX numeric data type: DOUBLE,
/// FLOAT16, BFLOAT16 -> F32; INT8/16, UINT8/16 -> I32; UINT32 -> I64; UINT64 ->
/// I64 (values from 2^63 wrap to negative). nullopt for STRING, complex, ...
std::optional<ElemKind> elemKindOf(int32_t onnxType);

/// The MLIR storage element type of an ONNX numeric data type (f64, f16, bf16,
/// i8, ui8, i16, ui16, i32, ui32, i64, ui64, f32, i1); null if not numeric.
mlir::Type storageTypeOf(int32_t onnxType, mlir::MLIRContext *context);

/// Converts `value` (held by a compute kind) the way ONNX Cast to `onnxType`
/// does, returning the result as its compute kind holds it: integers wrap to
/// the type's width, floats round to its precision (nearest even), bool is
/// `!= 0`. nullopt where the result is undefined in ONNX (NaN, infinite or
/// out-of-range float to an integer type). `onnxType` must be numeric.
std::optional<double> castFloatValue(double value, int32_t onnxType);
std::optional<int64_t> castIntValue(int64_t value, int32_t onnxType);

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
