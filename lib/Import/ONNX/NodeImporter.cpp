//===- NodeImporter.cpp - op creation helpers for the ONNX handlers -------===//

#include "NodeImporter.h"

#include "llvm/ADT/StringSet.h"

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
    (void)notConstant(i, what);
    return failure();
  }
  return v->toInts();
}

LogicalResult NodeImporter::notConstant(int i, StringRef what) {
  InFlightDiagnostic diag = error();
  if (what.empty())
    diag << "input " << i;
  else
    diag << what << " (input " << i << ")";
  diag << " must be a constant known at import time";
  std::vector<std::string> inputs = graphInputsFeeding(i);
  if (inputs.empty())
    return diag;
  diag << "; it is computed from graph input";
  diag << (inputs.size() == 1 ? " " : "s ");
  for (size_t k = 0; k < inputs.size(); ++k)
    diag << (k ? ", '" : "'") << inputs[k] << "'";
  diag << ": specialise the model with --bind-input " << inputs.front()
       << "=FILE.npy|FILE.pb";
  return diag;
}

std::optional<int32_t> NodeImporter::outputElemType(int i) const {
  if (!graphProto || !isOutputUsed(i))
    return std::nullopt;
  const std::string &name = node().output(i);
  for (const auto *list : {&graphProto->value_info(), &graphProto->output()})
    for (const auto &vi : *list)
      if (vi.name() == name && vi.type().has_tensor_type() &&
          vi.type().tensor_type().elem_type() != 0)
        return vi.type().tensor_type().elem_type();
  return std::nullopt;
}

std::vector<std::string> NodeImporter::graphInputsFeeding(int i) const {
  if (!graphProto || !hasInput(i))
    return {};
  const onnx::GraphProto &graph = *graphProto;
  llvm::StringMap<const onnx::NodeProto *> producer;
  for (const auto &n : graph.node())
    for (const auto &out : n.output())
      producer[out] = &n;
  llvm::StringSet<> initializers, graphInputs;
  for (const auto &t : graph.initializer())
    initializers.insert(t.name());
  for (const auto &in : graph.input())
    if (!initializers.contains(in.name()))
      graphInputs.insert(in.name());
  std::vector<std::string> found;
  llvm::StringSet<> seen;
  std::vector<std::string> work = {node().input(i)};
  while (!work.empty()) {
    std::string name = work.back();
    work.pop_back();
    if (name.empty() || !seen.insert(name).second ||
        initializers.contains(name))
      continue;
    if (graphInputs.contains(name)) {
      found.push_back(name);
      continue;
    }
    auto it = producer.find(name);
    if (it == producer.end())
      return {};
    const onnx::NodeProto &n = *it->second;
    // Shape and Size are known whatever their input.
    if (n.op_type() == "Shape" || n.op_type() == "Size" ||
        n.op_type() == "Constant")
      continue;
    if (!isFoldableOp(n.op_type()))
      return {};
    for (const auto &in : n.input())
      work.push_back(in);
  }
  llvm::sort(found);
  return found;
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
