//===- FoldBatchNorm.cpp - fold per-channel affine ops into conv ----------===//

#include "accel/Dialect/Dataflow/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace accel::dataflow {
#define GEN_PASS_DEF_FOLDBATCHNORM
#include "accel/Dialect/Dataflow/Transforms/Passes.h.inc"
} // namespace accel::dataflow

using namespace mlir;
using namespace accel::dataflow;

namespace {
struct FoldBatchNormPass
    : public accel::dataflow::impl::FoldBatchNormBase<FoldBatchNormPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
