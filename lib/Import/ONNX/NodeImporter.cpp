//===- NodeImporter.cpp - op creation helpers for the ONNX handlers -------===//

#include "NodeImporter.h"

using namespace mlir;

namespace accel::onnx_import {

InFlightDiagnostic NodeImporter::error() {
  InFlightDiagnostic diag = emitError(currentLoc);
  diag << node().op_type() << " node '" << currentName << "': ";
  return diag;
}

FailureOr<RankedTensorType> NodeImporter::inputType(int i) {
  FailureOr<Value> v = input(i);
  if (failed(v))
    return failure();
  return llvm::cast<RankedTensorType>(v->getType());
}

FailureOr<SmallVector<int64_t>> NodeImporter::constInts(int i, StringRef what) {
  const ConstValue *v = hasInput(i) ? constInput(i) : nullptr;
  if (!v) {
    error() << what << " (input " << i
            << ") must be a constant known at import time";
    return failure();
  }
  return v->toInts();
}

Value NodeImporter::scalar(double value, Type elementType) {
  ConstValue v;
  v.kind = *elemKindOf(elementType);
  if (v.isFloat())
    v.floats.push_back(float(value));
  else
    v.ints.push_back(int64_t(value));
  return materialize(v, "");
}

FailureOr<Value> NodeImporter::unary(dataflow::UnaryKind kind, Value x,
                                     float alpha, float beta) {
  return create<dataflow::UnaryOp>(
      dataflow::UnaryKindAttr::get(context(), kind), x,
      b.getF32FloatAttr(alpha), b.getF32FloatAttr(beta));
}

FailureOr<Value> NodeImporter::binary(dataflow::BinaryKind kind, Value a,
                                      Value c) {
  return create<dataflow::BinaryOp>(
      dataflow::BinaryKindAttr::get(context(), kind), a, c);
}

FailureOr<Value> NodeImporter::reshape(Value x, ArrayRef<int64_t> shape) {
  auto type = llvm::cast<RankedTensorType>(x.getType());
  if (type.getShape() == shape)
    return x;
  if (numElements(type.getShape()) != numElements(shape)) {
    error() << "cannot reshape " << type << " to " << shape.size()
            << "-d shape with " << numElements(shape) << " elements";
    return failure();
  }
  return dataflow::ReshapeOp::create(
             b, currentLoc, RankedTensorType::get(shape, type.getElementType()),
             x)
      .getResult();
}

FailureOr<Value> NodeImporter::expand(Value x, ArrayRef<int64_t> shape) {
  auto type = llvm::cast<RankedTensorType>(x.getType());
  if (type.getShape() == shape)
    return x;
  std::string why;
  std::optional<Shape> result = broadcastShape(type.getShape(), shape, why);
  if (!result || ArrayRef<int64_t>(*result) != shape) {
    error() << "cannot expand " << type << " to the requested shape: " << why;
    return failure();
  }
  return dataflow::ExpandOp::create(
             b, currentLoc, RankedTensorType::get(shape, type.getElementType()),
             x)
      .getResult();
}

FailureOr<Value> NodeImporter::slice(Value x, const SliceParams &params) {
  auto type = llvm::cast<RankedTensorType>(x.getType());
  bool identity = type.getShape() == ArrayRef<int64_t>(params.shape);
  for (size_t d = 0; d < params.starts.size() && identity; ++d)
    identity = params.starts[d] == 0 && params.steps[d] == 1;
  if (identity)
    return x;
  return dataflow::SliceOp::create(
             b, currentLoc,
             RankedTensorType::get(params.shape, type.getElementType()), x,
             b.getDenseI64ArrayAttr(params.starts),
             b.getDenseI64ArrayAttr(params.steps))
      .getResult();
}

FailureOr<Value> NodeImporter::castTo(Value x, Type elementType) {
  auto type = llvm::cast<RankedTensorType>(x.getType());
  if (type.getElementType() == elementType)
    return x;
  return dataflow::CastOp::create(b, currentLoc, type.clone(elementType), x)
      .getResult();
}

FailureOr<Value> NodeImporter::reduce(dataflow::ReduceKind kind, Value x,
                                      ArrayRef<int64_t> axes, bool keepDims) {
  return create<dataflow::ReduceOp>(
      dataflow::ReduceKindAttr::get(context(), kind), x,
      b.getDenseI64ArrayAttr(axes), b.getBoolAttr(keepDims));
}

} // namespace accel::onnx_import
