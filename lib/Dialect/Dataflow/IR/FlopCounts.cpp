//===- FlopCounts.cpp - FlopCountOpInterface of the dataflow ops ----------===//
//
// A multiply-accumulate is 2 FLOPs; elementwise ops are 1 per output element; the
// composite ops count their arithmetic steps (softmax: max, sub, exp, sum, div).
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Dataflow/IR/Dataflow.h"

using namespace mlir;

namespace accel::dataflow {

#include "accel/Dialect/Dataflow/IR/DataflowInterfaces.cpp.inc"

namespace {

uint64_t numElements(Type type) {
  auto shaped = dyn_cast<RankedTensorType>(type);
  if (!shaped || !shaped.hasStaticShape())
    return 0;
  return static_cast<uint64_t>(shaped.getNumElements());
}

uint64_t product(ArrayRef<int64_t> values) {
  uint64_t p = 1;
  for (int64_t v : values)
    p *= static_cast<uint64_t>(v > 0 ? v : 1);
  return p;
}

uint64_t resultElements(Operation *op) { return numElements(op->getResult(0).getType()); }
uint64_t inputElements(Operation *op) { return numElements(op->getOperand(0).getType()); }

} // namespace

uint64_t MatmulOp::getFlopCount() {
  // 2 * (result elements) * K, K being the contracted dimension of the lhs.
  auto lhs = cast<RankedTensorType>(getLhs().getType());
  if (lhs.getRank() == 0)
    return 0;
  int64_t k = lhs.getRank() >= 2 && getTransposeLhs() ? lhs.getShape()[lhs.getRank() - 2]
                                                       : lhs.getShape().back();
  return 2 * resultElements(*this) * static_cast<uint64_t>(k);
}

uint64_t FusedOp::getFlopCount() {
  uint64_t total = 0;
  for (Operation &op : getBody().front())
    if (auto counted = dyn_cast<FlopCountOpInterface>(&op))
      total += counted.getFlopCount();
  return total;
}

uint64_t ConvOp::getFlopCount() {
  // Each output element is a dot product over (C_in / groups) * prod(kernel).
  auto weight = cast<RankedTensorType>(getWeight().getType());
  if (weight.getShape()[0] == 0)
    return 0;
  uint64_t out = resultElements(*this);
  uint64_t perOutput = numElements(weight) / static_cast<uint64_t>(weight.getShape()[0]);
  return 2 * out * perOutput + (getBias() ? out : 0);
}

uint64_t ConvTransposeOp::getFlopCount() {
  // Every input element is scattered through C_out/groups * prod(kernel) taps.
  auto weight = cast<RankedTensorType>(getWeight().getType());
  if (weight.getShape()[0] == 0)
    return 0;
  uint64_t perInput = numElements(weight) / static_cast<uint64_t>(weight.getShape()[0]);
  return 2 * inputElements(*this) * perInput;
}

/// Recurrent ops: the input projection and the recurrent product are GEMMs
/// (2 FLOPs per multiply-accumulate) over every step and direction; the gate
/// arithmetic adds `perHidden` FLOPs per hidden unit and step.
template <typename OpT>
static uint64_t recurrentFlops(OpT op, uint64_t perHidden) {
  auto y = cast<RankedTensorType>(op.getOutput().getType());
  auto x = cast<RankedTensorType>(op.getInput().getType());
  // seq * dirs * batch * hidden, in either layout.
  uint64_t steps = numElements(y) / static_cast<uint64_t>(std::max<int64_t>(
                                        1, y.getShape().back()));
  uint64_t hidden = static_cast<uint64_t>(y.getShape().back());
  uint64_t gates = static_cast<uint64_t>(OpT::kGates);
  uint64_t inputSize = static_cast<uint64_t>(x.getShape().back());
  return steps * (2 * gates * hidden * (inputSize + hidden) + perHidden * hidden);
}

uint64_t RnnOp::getFlopCount() { return recurrentFlops(*this, 3); }
uint64_t GruOp::getFlopCount() { return recurrentFlops(*this, 12); }
uint64_t LstmOp::getFlopCount() { return recurrentFlops(*this, 14); }

uint64_t PoolOp::getFlopCount() { return resultElements(*this) * product(getKernelShape()); }
uint64_t SoftmaxOp::getFlopCount() { return 5 * inputElements(*this); }
uint64_t LayerNormOp::getFlopCount() { return 8 * inputElements(*this); }
uint64_t ReduceOp::getFlopCount() { return inputElements(*this); }
uint64_t ArgReduceOp::getFlopCount() { return inputElements(*this); }
uint64_t ResizeOp::getFlopCount() { return 4 * resultElements(*this); }
uint64_t UnaryOp::getFlopCount() { return resultElements(*this); }
uint64_t BinaryOp::getFlopCount() { return resultElements(*this); }
uint64_t ClampOp::getFlopCount() { return resultElements(*this); }
uint64_t WhereOp::getFlopCount() { return resultElements(*this); }

} // namespace accel::dataflow
