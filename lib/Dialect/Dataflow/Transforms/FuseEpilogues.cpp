//===- FuseEpilogues.cpp - fold elementwise epilogues into conv/matmul ----===//
//
// conv -> add(bias) -> relu becomes one dataflow.fused op; each match absorbs one
// step (or the sigmoid/mul pair of a SiLU), so the greedy driver grows a fused op
// until the chain ends or a value has a second reader.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Dataflow/Transforms/Passes.h"

#include "mlir/IR/IRMapping.h"
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
  SmallVector<Operation *> users(chain.getUsers().begin(), chain.getUsers().end());
  if (users.size() == 1 && chain.hasOneUse() && isEpilogueStep(users[0], chain))
    return {users[0]};
  if (users.size() != 2 || std::distance(chain.use_begin(), chain.use_end()) != 2)
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
    patterns.add<FuseStep>(&getContext());
    // Bottom-up order would try steps before their producers; the producer-driven
    // pattern only needs every op visited until nothing changes.
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
