//===- FuseEpilogues.cpp - fold elementwise epilogues into conv/matmul ----===//
//
// conv -> add(bias) -> relu becomes one dataflow.fused op; each match absorbs one
// step (or the sigmoid/mul pair of a SiLU), so the greedy driver grows a fused op
// until the chain ends or a value has a second reader. GELU written out with erf (as
// exporters before opset 20 do) is raised to `unary gelu` first, so it fuses as one step.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Dataflow/Transforms/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace accel::dataflow {
#define GEN_PASS_DEF_FUSEEPILOGUES
#include "accel/Dialect/Dataflow/Transforms/Passes.h.inc"
} // namespace accel::dataflow

using namespace mlir;
using namespace accel::dataflow;

namespace {

/// The ops the value `chain` flows into next when they can join its epilogue: one
/// step, or a SiLU's sigmoid and mul; empty otherwise.
SmallVector<Operation *, 2> nextSteps(Value chain) {
  // One entry per use: an op reading the chain twice appears twice.
  SmallVector<Operation *> users(chain.getUsers().begin(), chain.getUsers().end());
  if (users.size() == 1 && isEpilogueStep(users[0], chain))
    return {users[0]};
  if (users.size() != 2)
    return {};
  for (int first = 0; first < 2; ++first) {
    Operation *sig = users[first], *mul = users[1 - first];
    if (isSiluPair(sig, mul, chain) && sig->getResult(0).hasOneUse())
      return {sig, mul};
  }
  return {};
}

/// Replaces `producer` (a conv, matmul or fused op) and `steps` with one fused op.
void fuse(Operation *producer, ArrayRef<Operation *> steps, PatternRewriter &rewriter) {
  Value chain = producer->getResult(0);
  auto oldFused = dyn_cast<FusedOp>(producer);
  SmallVector<Value> inputs(producer->getOperands());
  // Operands the steps read besides the chain (and the SiLU's own sigmoid).
  for (Operation *step : steps)
    for (Value operand : step->getOperands())
      if (operand != chain && operand.getDefiningOp() != steps.front() &&
          !llvm::is_contained(inputs, operand))
        inputs.push_back(operand);

  Operation *last = steps.back();
  rewriter.setInsertionPoint(last);
  auto fused = FusedOp::create(rewriter, oldFused ? oldFused.getLoc() : producer->getLoc(),
                               last->getResult(0).getType(), inputs);
  Block *body = rewriter.createBlock(&fused.getBody());
  IRMapping map;
  for (Value input : inputs)
    map.map(input, body->addArgument(input.getType(), input.getLoc()));
  rewriter.setInsertionPointToStart(body);
  if (oldFused) {
    // Its body arguments are the first inputs, in order.
    Block &old = oldFused.getBody().front();
    for (auto [arg, input] : llvm::zip(old.getArguments(), oldFused.getInputs()))
      map.map(arg, map.lookup(input));
    for (Operation &op : old.without_terminator())
      rewriter.clone(op, map);
    map.map(chain, map.lookup(cast<YieldOp>(old.getTerminator()).getValue()));
  } else {
    map.map(chain, rewriter.clone(*producer, map)->getResult(0));
  }
  for (Operation *step : steps)
    rewriter.clone(*step, map);
  YieldOp::create(rewriter, last->getLoc(), map.lookup(last->getResult(0)));

  rewriter.replaceOp(last, fused.getResult());
  for (Operation *step : llvm::reverse(steps.drop_back()))
    rewriter.eraseOp(step);
  rewriter.eraseOp(producer);
}

/// Whether `v` is a constant whose every element is `expected` (to 1e-5 relative).
bool isSplat(Value v, double expected) {
  DenseElementsAttr attr;
  if (!v || !matchPattern(v, m_Constant(&attr)) || !attr.isSplat() ||
      !attr.getElementType().isF32())
    return false;
  double value = attr.getSplatValue<APFloat>().convertToDouble();
  return std::abs(value - expected) <= 1e-5 * std::abs(expected);
}

/// `op` as a binary `kind` of `value` and a splat `constant` (either side), else null.
Value otherOperand(Operation *op, BinaryKind kind, double constant) {
  auto binary = dyn_cast_or_null<BinaryOp>(op);
  if (!binary || binary.getKind() != kind)
    return {};
  if (isSplat(binary.getRhs(), constant))
    return binary.getLhs();
  if (kind != BinaryKind::Div && isSplat(binary.getLhs(), constant))
    return binary.getRhs();
  return {};
}

/// The x of `1 + erf(x / sqrt(2))` (or `x * (1 / sqrt(2))`), else null.
Value erfTermInput(Value v) {
  Value erfOut = otherOperand(v.getDefiningOp(), BinaryKind::Add, 1.0);
  auto erf = erfOut ? erfOut.getDefiningOp<UnaryOp>() : UnaryOp();
  if (!erf || erf.getKind() != UnaryKind::Erf)
    return {};
  Operation *scale = erf.getInput().getDefiningOp();
  if (Value x = otherOperand(scale, BinaryKind::Div, M_SQRT2))
    return x;
  return otherOperand(scale, BinaryKind::Mul, M_SQRT1_2);
}

/// GELU as ONNX exporters before opset 20 write it, `x * 0.5 * (1 + erf(x / sqrt(2)))`
/// (the products in any order), becomes `unary gelu`, which oneDNN has as a post-op.
struct RaiseErfGelu : OpRewritePattern<BinaryOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BinaryOp op, PatternRewriter &rewriter) const override {
    if (op.getKind() != BinaryKind::Mul || !op.getType().getElementType().isF32())
      return failure();
    // Either (x * (1 + erf)) * 0.5 / 0.5 * (...), or (x * 0.5) * (1 + erf).
    Value x;
    if (Value product = otherOperand(op, BinaryKind::Mul, 0.5)) {
      auto inner = product.getDefiningOp<BinaryOp>();
      if (!inner || inner.getKind() != BinaryKind::Mul || !inner->hasOneUse())
        return failure();
      for (auto [a, b] : {std::pair(inner.getLhs(), inner.getRhs()),
                          std::pair(inner.getRhs(), inner.getLhs())})
        if (Value t = erfTermInput(b); t && t == a)
          x = a;
    } else {
      for (auto [a, b] : {std::pair(op.getLhs(), op.getRhs()),
                          std::pair(op.getRhs(), op.getLhs())}) {
        Value half = otherOperand(a.getDefiningOp(), BinaryKind::Mul, 0.5);
        if (half && a.hasOneUse() && erfTermInput(b) == half)
          x = half;
      }
    }
    if (!x || x.getType() != op.getType())
      return rewriter.notifyMatchFailure(op, "not x * 0.5 * (1 + erf(x / sqrt(2)))");
    rewriter.replaceOpWithNewOp<UnaryOp>(op, op.getType(),
                                         UnaryKindAttr::get(getContext(), UnaryKind::Gelu), x,
                                         rewriter.getF32FloatAttr(0),
                                         rewriter.getF32FloatAttr(0));
    return success();
  }
};

struct FuseStep : RewritePattern {
  explicit FuseStep(MLIRContext *ctx) : RewritePattern(MatchAnyOpTypeTag(), 1, ctx) {}

  LogicalResult matchAndRewrite(Operation *op, PatternRewriter &rewriter) const override {
    if (!isa<ConvOp, MatmulOp, FusedOp>(op) || isa<FusedOp>(op->getParentOp()))
      return failure();
    SmallVector<Operation *, 2> steps = nextSteps(op->getResult(0));
    if (steps.empty())
      return rewriter.notifyMatchFailure(op, "no fusable elementwise op follows");
    fuse(op, steps, rewriter);
    return success();
  }
};

struct FuseEpiloguesPass
    : accel::dataflow::impl::FuseEpiloguesBase<FuseEpiloguesPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FuseStep, RaiseErfGelu>(&getContext());
    // Bottom-up order would try steps before their producers; the producer-driven
    // pattern only needs every op visited until nothing changes.
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
