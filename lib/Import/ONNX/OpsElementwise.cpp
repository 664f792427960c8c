//===- OpsElementwise.cpp - unary, binary and variadic elementwise ops ----===//
//
// ONNX elementwise ops map onto `dataflow.unary` / `dataflow.binary` kinds;
// variadic Sum/Mean/Max/Min become chains of binaries, PRelu a where, Clip a
// clamp with constant bounds.
//
//===----------------------------------------------------------------------===//

#include "NodeImporter.h"

#include "llvm/ADT/StringSwitch.h"

#include <limits>

using namespace mlir;
using accel::dataflow::BinaryKind;
using accel::dataflow::UnaryKind;

namespace accel::onnx_import {
namespace {

std::optional<UnaryKind> unaryKindOf(StringRef op) {
  return llvm::StringSwitch<std::optional<UnaryKind>>(op)
      .Case("Abs", UnaryKind::Abs)
      .Case("Neg", UnaryKind::Neg)
      .Case("Relu", UnaryKind::Relu)
      .Case("Sigmoid", UnaryKind::Sigmoid)
      .Case("Tanh", UnaryKind::Tanh)
      .Case("Exp", UnaryKind::Exp)
      .Case("Log", UnaryKind::Log)
      .Case("Sqrt", UnaryKind::Sqrt)
      .Case("Reciprocal", UnaryKind::Reciprocal)
      .Case("Floor", UnaryKind::Floor)
      .Case("Ceil", UnaryKind::Ceil)
      .Case("Round", UnaryKind::Round)
      .Case("Erf", UnaryKind::Erf)
      .Case("Sin", UnaryKind::Sin)
      .Case("Cos", UnaryKind::Cos)
      .Case("Tan", UnaryKind::Tan)
      .Case("Asin", UnaryKind::Asin)
      .Case("Acos", UnaryKind::Acos)
      .Case("Atan", UnaryKind::Atan)
      .Case("Sinh", UnaryKind::Sinh)
      .Case("Cosh", UnaryKind::Cosh)
      .Case("Asinh", UnaryKind::Asinh)
      .Case("Acosh", UnaryKind::Acosh)
      .Case("Atanh", UnaryKind::Atanh)
      .Case("Sign", UnaryKind::Sign)
      .Case("Not", UnaryKind::Not)
      .Case("Softplus", UnaryKind::Softplus)
      .Case("Softsign", UnaryKind::Softsign)
      .Case("HardSwish", UnaryKind::HardSwish)
      .Case("IsNaN", UnaryKind::IsNaN)
      .Case("IsInf", UnaryKind::IsInf)
      .Case("LeakyRelu", UnaryKind::LeakyRelu)
      .Case("Elu", UnaryKind::Elu)
      .Case("Selu", UnaryKind::Selu)
      .Case("HardSigmoid", UnaryKind::HardSigmoid)
      .Case("Celu", UnaryKind::Celu)
      .Case("ThresholdedRelu", UnaryKind::ThresholdedRelu)
      .Case("Gelu", UnaryKind::Gelu)
      .Default(std::nullopt);
}

LogicalResult importUnary(NodeImporter &imp) {
  const onnx::NodeProto &node = imp.node();
  UnaryKind kind = *unaryKindOf(node.op_type());
  float alpha = 0, beta = 0;
  switch (kind) {
  case UnaryKind::LeakyRelu:
    alpha = getFloatAttr(node, "alpha", 0.01f);
    break;
  case UnaryKind::Elu:
  case UnaryKind::Celu:
  case UnaryKind::ThresholdedRelu:
    alpha = getFloatAttr(node, "alpha", 1.0f);
    break;
  case UnaryKind::Selu:
    alpha = getFloatAttr(node, "alpha", 1.67326319217681884765625f);
    beta = getFloatAttr(node, "gamma", 1.05070102214813232421875f);
    break;
  case UnaryKind::HardSigmoid:
    alpha = getFloatAttr(node, "alpha", 0.2f);
    beta = getFloatAttr(node, "beta", 0.5f);
    break;
  case UnaryKind::IsInf: {
    // One sign only: isinf(x) and the sign test.
    bool neg = getIntAttr(node, "detect_negative", 1) != 0;
    bool pos = getIntAttr(node, "detect_positive", 1) != 0;
    if (neg && pos)
      break;
    FailureOr<Value> x = imp.input(0);
    if (failed(x))
      return failure();
    Type elem = cast<RankedTensorType>(x->getType()).getElementType();
    FailureOr<Value> inf = imp.unary(UnaryKind::IsInf, *x);
    FailureOr<Value> sign = imp.binary(neg ? BinaryKind::Less : BinaryKind::Greater,
                                       *x, imp.scalar(0, elem));
    if (failed(inf) || failed(sign))
      return failure();
    FailureOr<Value> y = imp.binary(BinaryKind::And, *inf, *sign);
    if (succeeded(y) && !neg && !pos)
      y = imp.binary(BinaryKind::And, *y, imp.scalar(0, imp.builder().getI1Type()));
    if (failed(y))
      return failure();
    imp.setOutput(0, *y);
    return success();
  }
  case UnaryKind::Gelu:
    if (getStringAttr(node, "approximate", "none") != "none")
      return imp.error() << "only approximate=\"none\" is supported";
    break;
  default:
    break;
  }
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  FailureOr<Value> y = imp.unary(kind, *x, alpha, beta);
  if (failed(y))
    return failure();
  imp.setOutput(0, *y);
  return success();
}

std::optional<BinaryKind> binaryKindOf(StringRef op) {
  return llvm::StringSwitch<std::optional<BinaryKind>>(op)
      .Case("Add", BinaryKind::Add)
      .Case("Sub", BinaryKind::Sub)
      .Case("Mul", BinaryKind::Mul)
      .Case("Div", BinaryKind::Div)
      .Case("Pow", BinaryKind::Pow)
      .Case("Equal", BinaryKind::Equal)
      .Case("Less", BinaryKind::Less)
      .Case("LessOrEqual", BinaryKind::LessEqual)
      .Case("Greater", BinaryKind::Greater)
      .Case("GreaterOrEqual", BinaryKind::GreaterEqual)
      .Case("And", BinaryKind::And)
      .Case("Or", BinaryKind::Or)
      .Case("Xor", BinaryKind::Xor)
      .Case("Max", BinaryKind::Max)
      .Case("Min", BinaryKind::Min)
      .Case("Sum", BinaryKind::Add)
      .Case("Mean", BinaryKind::Add)
      .Default(std::nullopt);
}

LogicalResult importBinary(NodeImporter &imp) {
  const onnx::NodeProto &node = imp.node();
  BinaryKind kind = node.op_type() == "Mod"
                        ? (getIntAttr(node, "fmod", 0) ? BinaryKind::FMod
                                                       : BinaryKind::Mod)
                        : *binaryKindOf(node.op_type());
  FailureOr<Value> lhs = imp.input(0), rhs = imp.input(1);
  if (failed(lhs) || failed(rhs))
    return failure();
  // Pow allows a differently typed exponent; the dialect wants one type.
  if (kind == BinaryKind::Pow) {
    rhs = imp.castTo(*rhs, cast<RankedTensorType>(lhs->getType()).getElementType());
    if (failed(rhs))
      return failure();
  }
  FailureOr<Value> y = imp.binary(kind, *lhs, *rhs);
  if (failed(y))
    return failure();
  imp.setOutput(0, *y);
  return success();
}

/// Sum, Mean, Max, Min with any number of inputs.
LogicalResult importVariadic(NodeImporter &imp) {
  const onnx::NodeProto &node = imp.node();
  BinaryKind kind = *binaryKindOf(node.op_type());
  FailureOr<Value> acc = imp.input(0);
  if (failed(acc))
    return failure();
  for (int i = 1; i < imp.numInputs(); ++i) {
    FailureOr<Value> next = imp.input(i);
    if (failed(next))
      return failure();
    acc = imp.binary(kind, *acc, *next);
    if (failed(acc))
      return failure();
  }
  if (node.op_type() == "Mean" && imp.numInputs() > 1) {
    Type elem = cast<RankedTensorType>(acc->getType()).getElementType();
    acc = imp.binary(BinaryKind::Div, *acc, imp.scalar(imp.numInputs(), elem));
    if (failed(acc))
      return failure();
  }
  imp.setOutput(0, *acc);
  return success();
}

/// Reads a scalar bound of Clip (an input since opset 11, else an attribute).
FailureOr<float> clipBound(NodeImporter &imp, int inputIndex, StringRef attr,
                           float defaultValue) {
  if (imp.opset() < 11)
    return getFloatAttr(imp.node(), attr, defaultValue);
  if (!imp.hasInput(inputIndex))
    return defaultValue;
  const ConstValue *v = imp.constInput(inputIndex);
  if (!v || v->size() != 1) {
    imp.error() << "the " << attr
                << " bound must be a scalar constant known at import time";
    return failure();
  }
  return float(v->asDouble(0));
}

/// Clip with bounds computed at run time: max(x, min) then min(., max).
LogicalResult importClipDynamic(NodeImporter &imp) {
  FailureOr<Value> y = imp.input(0);
  if (failed(y))
    return failure();
  for (auto [index, kind] : {std::pair(1, BinaryKind::Max),
                             std::pair(2, BinaryKind::Min)}) {
    if (!imp.hasInput(index))
      continue;
    FailureOr<RankedTensorType> type = imp.inputType(index);
    if (failed(type))
      return failure();
    if (type->getNumElements() != 1)
      return imp.error() << "the " << (index == 1 ? "min" : "max")
                         << " bound must be a scalar";
    FailureOr<Value> bound = imp.input(index);
    if (failed(bound))
      return failure();
    y = imp.binary(kind, *y, *bound);
    if (failed(y))
      return failure();
  }
  imp.setOutput(0, *y);
  return success();
}

LogicalResult importClip(NodeImporter &imp) {
  if (imp.opset() >= 11 &&
      ((imp.hasInput(1) && !imp.constInput(1)) ||
       (imp.hasInput(2) && !imp.constInput(2))))
    return importClipDynamic(imp);
  constexpr float inf = std::numeric_limits<float>::infinity();
  FailureOr<float> lo = clipBound(imp, 1, "min", -inf);
  FailureOr<float> hi = clipBound(imp, 2, "max", inf);
  FailureOr<Value> x = imp.input(0);
  if (failed(lo) || failed(hi) || failed(x))
    return failure();
  FailureOr<Value> y = imp.create<dataflow::ClampOp>(
      *x, imp.builder().getF32FloatAttr(*lo), imp.builder().getF32FloatAttr(*hi));
  if (failed(y))
    return failure();
  imp.setOutput(0, *y);
  return success();
}

LogicalResult importWhere(NodeImporter &imp) {
  FailureOr<Value> c = imp.input(0), a = imp.input(1), d = imp.input(2);
  if (failed(c) || failed(a) || failed(d))
    return failure();
  FailureOr<Value> y = imp.create<dataflow::WhereOp>(*c, *a, *d);
  if (failed(y))
    return failure();
  imp.setOutput(0, *y);
  return success();
}

/// PRelu(x, slope) = x < 0 ? x * slope : x.
LogicalResult importPRelu(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0), slope = imp.input(1);
  if (failed(x) || failed(slope))
    return failure();
  auto xType = cast<RankedTensorType>(x->getType());
  auto slopeType = cast<RankedTensorType>(slope->getType());
  // Models from opset < 7 give a per-channel slope [C] for an NCHW input;
  // it applies along dim 1, which numpy broadcasting would not do.
  FailureOr<SmallVector<int64_t>> joint =
      dataflow::broadcastShapes(xType.getShape(), slopeType.getShape());
  if ((failed(joint) || *joint != SmallVector<int64_t>(xType.getShape())) &&
      slopeType.getRank() == 1 && xType.getRank() >= 2 &&
      slopeType.getDimSize(0) == xType.getDimSize(1)) {
    SmallVector<int64_t> shape(xType.getRank() - 1, 1);
    shape[0] = slopeType.getDimSize(0);
    slope = imp.reshape(*slope, shape);
    if (failed(slope))
      return failure();
  }
  Type elem = xType.getElementType();
  FailureOr<Value> neg = imp.binary(BinaryKind::Less, *x, imp.scalar(0, elem));
  if (failed(neg))
    return failure();
  FailureOr<Value> scaled = imp.binary(BinaryKind::Mul, *x, *slope);
  if (failed(scaled))
    return failure();
  FailureOr<Value> y = imp.create<dataflow::WhereOp>(*neg, *scaled, *x);
  if (failed(y))
    return failure();
  imp.setOutput(0, *y);
  return success();
}

} // namespace

void registerElementwiseHandlers(HandlerMap &map) {
  for (StringRef op :
       {"Abs", "Neg", "Relu", "Sigmoid", "Tanh", "Exp", "Log", "Sqrt",
        "Reciprocal", "Floor", "Ceil", "Round", "Erf", "Sin", "Cos", "Tan",
        "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh",
        "Sign", "Not", "Softplus", "Softsign", "HardSwish", "IsNaN", "IsInf",
        "LeakyRelu", "Elu", "Selu", "HardSigmoid", "Celu", "ThresholdedRelu",
        "Gelu"})
    map[op] = importUnary;
  for (StringRef op : {"Add", "Sub", "Mul", "Div", "Pow", "Mod", "Equal", "Less",
                       "LessOrEqual", "Greater", "GreaterOrEqual", "And", "Or",
                       "Xor"})
    map[op] = importBinary;
  for (StringRef op : {"Sum", "Mean", "Max", "Min"})
    map[op] = importVariadic;
  map["Clip"] = importClip;
  map["Where"] = importWhere;
  map["PRelu"] = importPRelu;
}

} // namespace accel::onnx_import
