//===- Canonicalize.cpp - dataflow folders and canonicalization -----------===//

#include "accel/Dialect/Dataflow/IR/Dataflow.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace accel::dataflow;

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }
OpFoldResult UnaryOp::fold(FoldAdaptor) {
  if (getKind() == UnaryKind::Identity)
    return getInput();
  return {};
}
OpFoldResult TransposeOp::fold(FoldAdaptor) { return {}; }
OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return {};
}
OpFoldResult ExpandOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return {};
}
OpFoldResult SliceOp::fold(FoldAdaptor) { return {}; }
OpFoldResult ConcatOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1)
    return getInputs().front();
  return {};
}
OpFoldResult CastOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return {};
}
void TransposeOp::getCanonicalizationPatterns(RewritePatternSet &,
                                              MLIRContext *) {}
void ReshapeOp::getCanonicalizationPatterns(RewritePatternSet &,
                                            MLIRContext *) {}
