//===- TensorUtils.cpp - ONNX element types and small shape math ----------===//

#include "TensorUtils.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"

#include <onnx/onnx_pb.h>

#include <cmath>

namespace accel::onnx_import {

std::optional<size_t> elementByteSize(int32_t onnxType) {
  switch (onnxType) {
  case onnx::TensorProto::FLOAT:
  case onnx::TensorProto::INT32:
  case onnx::TensorProto::UINT32:
    return 4;
  case onnx::TensorProto::INT64:
  case onnx::TensorProto::UINT64:
  case onnx::TensorProto::DOUBLE:
    return 8;
  case onnx::TensorProto::BOOL:
  case onnx::TensorProto::INT8:
  case onnx::TensorProto::UINT8:
    return 1;
  case onnx::TensorProto::INT16:
  case onnx::TensorProto::UINT16:
  case onnx::TensorProto::FLOAT16:
  case onnx::TensorProto::BFLOAT16:
    return 2;
  default:
    return std::nullopt;
  }
}

std::string dataTypeName(int32_t onnxType) {
  if (!onnx::TensorProto_DataType_IsValid(onnxType))
    return "data type " + std::to_string(onnxType);
  return onnx::TensorProto_DataType_Name(
      static_cast<onnx::TensorProto_DataType>(onnxType));
}

std::optional<ElemKind> elemKindOf(int32_t onnxType) {
  switch (onnxType) {
  case onnx::TensorProto::FLOAT:
  case onnx::TensorProto::DOUBLE:
  case onnx::TensorProto::FLOAT16:
  case onnx::TensorProto::BFLOAT16:
    return ElemKind::F32;
  case onnx::TensorProto::INT64:
  case onnx::TensorProto::UINT32:
  case onnx::TensorProto::UINT64:
    return ElemKind::I64;
  case onnx::TensorProto::INT32:
  case onnx::TensorProto::INT16:
  case onnx::TensorProto::INT8:
  case onnx::TensorProto::UINT16:
  case onnx::TensorProto::UINT8:
    return ElemKind::I32;
  case onnx::TensorProto::BOOL:
    return ElemKind::I1;
  default:
    return std::nullopt;
  }
}

mlir::Type storageTypeOf(int32_t onnxType, mlir::MLIRContext *context) {
  using Sign = mlir::IntegerType::SignednessSemantics;
  auto unsignedInt = [&](unsigned width) {
    return mlir::IntegerType::get(context, width, Sign::Unsigned);
  };
  switch (onnxType) {
  case onnx::TensorProto::FLOAT:
    return mlir::Float32Type::get(context);
  case onnx::TensorProto::DOUBLE:
    return mlir::Float64Type::get(context);
  case onnx::TensorProto::FLOAT16:
    return mlir::Float16Type::get(context);
  case onnx::TensorProto::BFLOAT16:
    return mlir::BFloat16Type::get(context);
  case onnx::TensorProto::INT8:
    return mlir::IntegerType::get(context, 8);
  case onnx::TensorProto::INT16:
    return mlir::IntegerType::get(context, 16);
  case onnx::TensorProto::INT32:
    return mlir::IntegerType::get(context, 32);
  case onnx::TensorProto::INT64:
    return mlir::IntegerType::get(context, 64);
  case onnx::TensorProto::UINT8:
    return unsignedInt(8);
  case onnx::TensorProto::UINT16:
    return unsignedInt(16);
  case onnx::TensorProto::UINT32:
    return unsignedInt(32);
  case onnx::TensorProto::UINT64:
    return unsignedInt(64);
  case onnx::TensorProto::BOOL:
    return mlir::IntegerType::get(context, 1);
  default:
    return {};
  }
}

namespace {

/// Width and signedness of an ONNX integer type (BOOL excluded).
std::optional<std::pair<unsigned, bool>> intFormat(int32_t onnxType) {
  switch (onnxType) {
  case onnx::TensorProto::INT8: return std::make_pair(8u, true);
  case onnx::TensorProto::INT16: return std::make_pair(16u, true);
  case onnx::TensorProto::INT32: return std::make_pair(32u, true);
  case onnx::TensorProto::INT64: return std::make_pair(64u, true);
  case onnx::TensorProto::UINT8: return std::make_pair(8u, false);
  case onnx::TensorProto::UINT16: return std::make_pair(16u, false);
  case onnx::TensorProto::UINT32: return std::make_pair(32u, false);
  case onnx::TensorProto::UINT64: return std::make_pair(64u, false);
  default: return std::nullopt;
  }
}

/// `value` rounded to the precision of an ONNX float type (nearest even).
double roundToFloatType(double value, int32_t onnxType) {
  const llvm::fltSemantics *semantics = &llvm::APFloat::IEEEsingle();
  if (onnxType == onnx::TensorProto::FLOAT16)
    semantics = &llvm::APFloat::IEEEhalf();
  else if (onnxType == onnx::TensorProto::BFLOAT16)
    semantics = &llvm::APFloat::BFloat();
  llvm::APFloat f(value);
  bool losesInfo;
  f.convert(*semantics, llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  // Every narrower float converts to f32 exactly.
  f.convert(llvm::APFloat::IEEEsingle(), llvm::APFloat::rmNearestTiesToEven,
            &losesInfo);
  return f.convertToFloat();
}

} // namespace

std::optional<double> castFloatValue(double value, int32_t onnxType) {
  if (onnxType == onnx::TensorProto::BOOL)
    return value != 0.0 ? 1.0 : 0.0;
  std::optional<std::pair<unsigned, bool>> format = intFormat(onnxType);
  if (!format)
    return roundToFloatType(value, onnxType);
  if (!std::isfinite(value))
    return std::nullopt;
  double truncated = std::trunc(value);
  auto [width, isSigned] = *format;
  double lo = isSigned ? -std::ldexp(1.0, width - 1) : 0.0;
  double hi = std::ldexp(1.0, isSigned ? width - 1 : width);
  if (truncated < lo || truncated >= hi)
    return std::nullopt;
  return truncated;
}

std::optional<int64_t> castIntValue(int64_t value, int32_t onnxType) {
  if (onnxType == onnx::TensorProto::BOOL)
    return value != 0;
  std::optional<std::pair<unsigned, bool>> format = intFormat(onnxType);
  if (!format)
    return std::nullopt;
  auto [width, isSigned] = *format;
  llvm::APInt bits(64, static_cast<uint64_t>(value), /*isSigned=*/true);
  llvm::APInt narrow = bits.trunc(width);
  // UINT64 stays in the I64 compute kind: its top bit becomes the sign.
  return isSigned || width == 64 ? narrow.getSExtValue()
                                 : static_cast<int64_t>(narrow.getZExtValue());
}

mlir::Type mlirTypeOf(ElemKind kind, mlir::MLIRContext *context) {
  switch (kind) {
  case ElemKind::F32:
    return mlir::Float32Type::get(context);
  case ElemKind::I64:
    return mlir::IntegerType::get(context, 64);
  case ElemKind::I32:
    return mlir::IntegerType::get(context, 32);
  case ElemKind::I1:
    return mlir::IntegerType::get(context, 1);
  }
  return {};
}

std::optional<ElemKind> elemKindOf(mlir::Type type) {
  if (type.isF32())
    return ElemKind::F32;
  if (type.isInteger(64))
    return ElemKind::I64;
  if (type.isInteger(32))
    return ElemKind::I32;
  if (type.isInteger(1))
    return ElemKind::I1;
  return std::nullopt;
}

int64_t numElements(llvm::ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::optional<int64_t> checkedNumElements(llvm::ArrayRef<int64_t> shape) {
  constexpr int64_t limit = int64_t(1) << 48;
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0 || (d != 0 && n > limit / d))
      return std::nullopt;
    n *= d;
  }
  return n;
}

std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

std::optional<int64_t> normalizeFlattenAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis > rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

} // namespace accel::onnx_import
