//===- Flops.cpp - Floating-point work of dataflow ops --------------------===//
//
// Counted from operand/result types and the op name only, so this file does not depend
// on the generated op classes and works for every dataflow op, present and future.
//
//===----------------------------------------------------------------------===//
#include "accel/Analysis/Flops.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"

using namespace mlir;

static uint64_t numElements(Type type) {
  auto shaped = dyn_cast<RankedTensorType>(type);
  if (!shaped || !shaped.hasStaticShape())
    return 0;
  return static_cast<uint64_t>(shaped.getNumElements());
}

static uint64_t productOfAttr(Operation *op, StringRef name) {
  uint64_t product = 1;
  if (auto array = op->getAttrOfType<DenseI64ArrayAttr>(name))
    for (int64_t v : array.asArrayRef())
      product *= static_cast<uint64_t>(v > 0 ? v : 1);
  return product;
}

uint64_t accel::estimateFlops(Operation *op) {
  if (op->getNumResults() == 0 || op->getNumOperands() == 0)
    return 0;
  StringRef name = op->getName().getStringRef();
  if (!name.consume_front("dataflow."))
    return 0;
  uint64_t out = numElements(op->getResult(0).getType());
  uint64_t in = numElements(op->getOperand(0).getType());

  if (name == "matmul") {
    // 2 * (result elements) * K, K being the contracted dimension of the lhs.
    auto lhs = dyn_cast<RankedTensorType>(op->getOperand(0).getType());
    if (!lhs || lhs.getRank() == 0)
      return 0;
    bool transposed = false;
    if (auto flag = op->getAttrOfType<BoolAttr>("transpose_lhs"))
      transposed = flag.getValue();
    int64_t k = lhs.getRank() >= 2 && transposed ? lhs.getShape()[lhs.getRank() - 2]
                                                 : lhs.getShape().back();
    return 2 * out * static_cast<uint64_t>(k);
  }
  if (name == "conv") {
    // Each output element is a dot product over (C_in / groups) * prod(kernel).
    uint64_t weight = numElements(op->getOperand(1).getType());
    auto weightType = dyn_cast<RankedTensorType>(op->getOperand(1).getType());
    if (!weightType || weightType.getShape()[0] == 0)
      return 0;
    uint64_t perOutput = weight / static_cast<uint64_t>(weightType.getShape()[0]);
    return 2 * out * perOutput + (op->getNumOperands() > 2 ? out : 0);
  }
  if (name == "conv_transpose") {
    // Every input element is scattered through C_out/groups * prod(kernel) taps.
    auto weightType = dyn_cast<RankedTensorType>(op->getOperand(1).getType());
    if (!weightType || weightType.getShape()[0] == 0)
      return 0;
    uint64_t perInput = numElements(weightType) / static_cast<uint64_t>(weightType.getShape()[0]);
    return 2 * in * perInput;
  }
  if (name == "pool")
    return out * productOfAttr(op, "kernel_shape");
  if (name == "softmax")
    return 5 * in; // max, sub, exp, sum, div
  if (name == "layer_norm")
    return 8 * in; // mean, var, normalise, scale, shift
  if (name == "reduce" || name == "arg_reduce")
    return in;
  if (name == "resize")
    return 4 * out;
  if (name == "unary" || name == "binary" || name == "clamp" || name == "where")
    return out;
  return 0; // constant, reshape, transpose, slice, concat, gather, pad, cast, expand
}
