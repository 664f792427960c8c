//===- TensorUtils.cpp - ONNX element types and small shape math ----------===//

#include "TensorUtils.h"

#include <onnx/onnx_pb.h>

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
    return ElemKind::F32;
  case onnx::TensorProto::INT64:
    return ElemKind::I64;
  case onnx::TensorProto::INT32:
    return ElemKind::I32;
  case onnx::TensorProto::BOOL:
    return ElemKind::I1;
  default:
    return std::nullopt;
  }
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
