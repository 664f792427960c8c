//===- OpsReduce.cpp - Reduce* and ArgMax/ArgMin --------------------------===//

#include "NodeImporter.h"

#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using accel::dataflow::ReduceKind;

namespace accel::onnx_import {
namespace {

LogicalResult importReduce(NodeImporter &imp) {
  const onnx::NodeProto &node = imp.node();
  ReduceKind kind = llvm::StringSwitch<ReduceKind>(node.op_type())
                        .Case("ReduceSum", ReduceKind::Sum)
                        .Case("ReduceMean", ReduceKind::Mean)
                        .Case("ReduceMax", ReduceKind::Max)
                        .Case("ReduceMin", ReduceKind::Min)
                        .Case("ReduceProd", ReduceKind::Prod)
                        .Case("ReduceL1", ReduceKind::L1)
                        .Case("ReduceL2", ReduceKind::L2)
                        .Case("ReduceLogSumExp", ReduceKind::LogSumExp)
                        .Case("ReduceLogSum", ReduceKind::Sum)
                        .Default(ReduceKind::SumSquare);
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  // Axes are an attribute, or (ReduceSum since opset 13) an optional input.
  SmallVector<int64_t> axes;
  if (std::optional<SmallVector<int64_t>> attr = getIntsAttr(node, "axes")) {
    axes = *attr;
  } else if (imp.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> in = imp.constInts(1, "axes");
    if (failed(in))
      return failure();
    axes = *in;
  }
  // ReduceLogSum is log(ReduceSum).
  bool logSum = node.op_type() == "ReduceLogSum";
  auto finish = [&](FailureOr<Value> y) -> LogicalResult {
    if (succeeded(y) && logSum)
      y = imp.unary(dataflow::UnaryKind::Log, *y);
    if (failed(y))
      return failure();
    imp.setOutput(0, *y);
    return success();
  };
  if (axes.empty()) {
    if (getIntAttr(node, "noop_with_empty_axes", 0) != 0)
      return finish(*x);
    for (int64_t d = 0; d < rank; ++d)
      axes.push_back(d);
  }
  for (int64_t &a : axes) {
    std::optional<int64_t> axis = normalizeAxis(a, rank);
    if (!axis)
      return imp.error() << "axis " << a << " is out of range for rank " << rank;
    a = *axis;
  }
  llvm::sort(axes);
  axes.erase(std::unique(axes.begin(), axes.end()), axes.end());
  return finish(
      imp.reduce(kind, *x, axes, getIntAttr(node, "keepdims", 1) != 0));
}

LogicalResult importArgReduce(NodeImporter &imp) {
  const onnx::NodeProto &node = imp.node();
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  std::optional<int64_t> axis = normalizeAxis(getIntAttr(node, "axis", 0), rank);
  if (!axis)
    return imp.error() << "axis is out of range for rank " << rank;
  auto kind = node.op_type() == "ArgMax" ? dataflow::ArgReduceKind::Max
                                         : dataflow::ArgReduceKind::Min;
  OpBuilder &b = imp.builder();
  FailureOr<Value> y = imp.create<dataflow::ArgReduceOp>(
      dataflow::ArgReduceKindAttr::get(imp.context(), kind), *x,
      b.getI64IntegerAttr(*axis),
      b.getBoolAttr(getIntAttr(node, "keepdims", 1) != 0),
      b.getBoolAttr(getIntAttr(node, "select_last_index", 0) != 0));
  if (failed(y))
    return failure();
  imp.setOutput(0, *y);
  return success();
}

} // namespace

void registerReduceHandlers(HandlerMap &map) {
  for (StringRef op : {"ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin",
                       "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSumExp",
                       "ReduceSumSquare", "ReduceLogSum"})
    map[op] = importReduce;
  map["ArgMax"] = importArgReduce;
  map["ArgMin"] = importArgReduce;
}

} // namespace accel::onnx_import
