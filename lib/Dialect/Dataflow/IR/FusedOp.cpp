//===- FusedOp.cpp - dataflow.fused: a conv/matmul with its epilogue ------===//
//
// What may be fused is decided here once (isEpilogueStep / isSiluPair) and used by
// the verifier, the fusion pass and the schedule emitter.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Dataflow/IR/Dataflow.h"

using namespace mlir;

namespace accel::dataflow {

namespace {
bool isF32Tensor(Type type) {
  auto t = dyn_cast<RankedTensorType>(type);
  return t && t.getElementType().isF32();
}
} // namespace

bool isEpilogueStep(Operation *op, Value chain) {
  if (!op || op->getNumResults() != 1 || !isF32Tensor(chain.getType()) ||
      op->getResult(0).getType() != chain.getType())
    return false;
  if (auto unary = dyn_cast<UnaryOp>(op))
    return unary.getInput() == chain && unary.getKind() != UnaryKind::IsNaN &&
           unary.getKind() != UnaryKind::IsInf;
  if (auto clamp = dyn_cast<ClampOp>(op))
    return clamp.getInput() == chain;
  auto binary = dyn_cast<BinaryOp>(op);
  if (!binary || binary.getLhs() == binary.getRhs())
    return false;
  switch (binary.getKind()) {
  case BinaryKind::Add:
  case BinaryKind::Mul:
  case BinaryKind::Max:
  case BinaryKind::Min:
    return binary.getLhs() == chain || binary.getRhs() == chain;
  case BinaryKind::Sub:
  case BinaryKind::Div:
    return binary.getLhs() == chain;
  default:
    return false;
  }
}

bool isSiluPair(Operation *sigmoid, Operation *mul, Value chain) {
  auto sig = dyn_cast_or_null<UnaryOp>(sigmoid);
  auto product = dyn_cast_or_null<BinaryOp>(mul);
  if (!sig || !product || sig.getKind() != UnaryKind::Sigmoid || sig.getInput() != chain ||
      product.getKind() != BinaryKind::Mul || !isF32Tensor(chain.getType()) ||
      product.getType() != chain.getType())
    return false;
  Value s = sig.getResult();
  return (product.getLhs() == chain && product.getRhs() == s) ||
         (product.getLhs() == s && product.getRhs() == chain);
}

Operation *FusedOp::getAnchor() {
  Block &body = getBody().front();
  return body.empty() ? nullptr : &body.front();
}

LogicalResult FusedOp::verify() {
  Block &body = getBody().front();
  if (body.getNumArguments() != getInputs().size())
    return emitOpError("body has ") << body.getNumArguments() << " arguments for "
                                    << getInputs().size() << " operands";
  for (auto [arg, input] : llvm::zip(body.getArguments(), getInputs()))
    if (arg.getType() != input.getType())
      return emitOpError("body argument #")
             << arg.getArgNumber() << " has type " << arg.getType() << ", operand has "
             << input.getType();
  Operation *anchor = getAnchor();
  if (!anchor || !isa<ConvOp, MatmulOp>(anchor))
    return emitOpError("body must start with a conv or matmul");
  Value chain = anchor->getResult(0);
  for (Operation *op = anchor->getNextNode(); op; op = op->getNextNode()) {
    if (auto yield = dyn_cast<YieldOp>(op)) {
      if (yield.getValue() != chain)
        return emitOpError("yields a value that is not the end of the epilogue chain");
      if (chain.getType() != getType())
        return emitOpError("result type ") << getType() << " differs from the yielded "
                                           << chain.getType();
      return success();
    }
    if (isSiluPair(op, op->getNextNode(), chain)) {
      op = op->getNextNode();
    } else if (!isEpilogueStep(op, chain)) {
      return op->emitOpError("cannot be part of a fused epilogue: it must be an f32 unary, "
                             "clamp or arithmetic binary op of the previous value");
    }
    for (Value operand : op->getOperands())
      if (operand != chain && !isa<BlockArgument>(operand) &&
          operand.getDefiningOp() != op->getPrevNode())
        return op->emitOpError("operand must be the previous value or a fused-op argument");
    chain = op->getResult(0);
  }
  return emitOpError("body must end in dataflow.yield");
}

} // namespace accel::dataflow
