//===- FoldBatchNorm.cpp - fold per-channel affine ops into conv ----------===//
//
// The importer lowers BatchNormalization to a per-channel `mul` then `add`.
// After a conv with constant weights both fold into the conv:
//   conv(x, W, b) * s + a  ==  conv(x, W * s[o], b * s[o] + a[o]).
// Each match folds one binary op, so a mul+add chain folds in two steps.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Dataflow/Transforms/Passes.h"

#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace accel::dataflow {
#define GEN_PASS_DEF_FOLDBATCHNORM
#include "accel/Dialect/Dataflow/Transforms/Passes.h.inc"
} // namespace accel::dataflow

using namespace mlir;
using namespace accel::dataflow;

namespace {
/// The f32 values of a constant, whether `dense<>` or `dense_resource<>`;
/// nullopt if the value is not a constant or its blob is not available.
std::optional<SmallVector<float>> getConstantF32(Value value) {
  ElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)) ||
      !attr.getElementType().isF32())
    return std::nullopt;
  if (auto dense = dyn_cast<DenseElementsAttr>(attr))
    return llvm::to_vector(dense.getValues<float>());
  if (auto resource = dyn_cast<DenseF32ResourceElementsAttr>(attr)) {
    std::optional<ArrayRef<float>> data = resource.tryGetAsArrayRef();
    if (!data || static_cast<int64_t>(data->size()) != attr.getNumElements())
      return std::nullopt;
    return SmallVector<float>(data->begin(), data->end());
  }
  return std::nullopt;
}

/// The per-output-channel factors of `value` when it broadcasts against an
/// NC... conv result without changing its shape and varies at most along
/// dim 1 (e.g. [C,1,1], [1,C,1,1], [1] or a scalar).
std::optional<SmallVector<float>> getPerChannel(Value value,
                                                RankedTensorType convType) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getRank() > convType.getRank())
    return std::nullopt;
  int64_t channels = convType.getDimSize(1);
  int64_t offset = convType.getRank() - type.getRank();
  for (int64_t d = 0; d < type.getRank(); ++d) {
    int64_t size = type.getDimSize(d);
    if (size != 1 && !(d + offset == 1 && size == channels))
      return std::nullopt;
  }
  std::optional<SmallVector<float>> values = getConstantF32(value);
  if (!values || values->empty())
    return std::nullopt;
  if (values->size() == 1)
    values->assign(channels, values->front());
  return values;
}

/// A dense_resource constant named after `hint`, so folded weights never
/// round-trip through text as `dense<>`.
Value createResourceConstant(PatternRewriter &rewriter, Location loc,
                             RankedTensorType type, ArrayRef<float> data,
                             StringRef hint) {
  auto attr = DenseResourceElementsAttr::get(
      type, hint, HeapAsmResourceBlob::allocateAndCopyInferAlign(data));
  return ConstantOp::create(rewriter, loc, attr);
}

/// Names a folded blob after the original weight (`conv1_w` ->
/// `conv1_w_folded`); the blob manager makes repeated names unique.
std::string resourceName(Value value, StringRef fallback) {
  ElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return fallback.str();
  auto resource = dyn_cast<DenseResourceElementsAttr>(attr);
  if (!resource)
    return fallback.str();
  StringRef key = resource.getRawHandle().getKey();
  key.consume_back("_folded");
  return (key + "_folded").str();
}

struct FoldAffineIntoConv : OpRewritePattern<BinaryOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BinaryOp op,
                                PatternRewriter &rewriter) const override {
    BinaryKind kind = op.getKind();
    if (kind != BinaryKind::Mul && kind != BinaryKind::Add)
      return rewriter.notifyMatchFailure(op, "not a mul or add");
    auto conv = op.getLhs().getDefiningOp<ConvOp>();
    Value other = op.getRhs();
    if (!conv) {
      conv = op.getRhs().getDefiningOp<ConvOp>();
      other = op.getLhs();
    }
    if (!conv)
      return rewriter.notifyMatchFailure(op, "no conv operand");
    if (!conv->hasOneUse())
      return rewriter.notifyMatchFailure(op, "conv result has other uses");
    RankedTensorType convType = conv.getType();
    if (op.getType() != convType)
      return rewriter.notifyMatchFailure(op, "broadcast changes the shape");

    std::optional<SmallVector<float>> factors = getPerChannel(other, convType);
    if (!factors)
      return rewriter.notifyMatchFailure(op, "not a per-channel constant");
    std::optional<SmallVector<float>> weight = getConstantF32(conv.getWeight());
    if (!weight)
      return rewriter.notifyMatchFailure(op, "conv weight is not constant");
    std::optional<SmallVector<float>> bias;
    if (conv.getBias()) {
      bias = getConstantF32(conv.getBias());
      if (!bias)
        return rewriter.notifyMatchFailure(op, "conv bias is not constant");
    }

    int64_t channels = convType.getDimSize(1);
    Location loc = rewriter.getFusedLoc({conv.getLoc(), op.getLoc()});
    Value newWeight = conv.getWeight();
    Value newBias = conv.getBias();
    auto biasType = RankedTensorType::get({channels}, rewriter.getF32Type());
    if (kind == BinaryKind::Mul) {
      // Output channel o owns a contiguous block of the OIHW weight.
      int64_t block = static_cast<int64_t>(weight->size()) / channels;
      for (int64_t i = 0, e = weight->size(); i < e; ++i)
        (*weight)[i] *= (*factors)[i / block];
      newWeight = createResourceConstant(
          rewriter, loc, conv.getWeight().getType(), *weight,
          resourceName(conv.getWeight(), "folded_weight"));
      if (bias) {
        for (int64_t o = 0; o < channels; ++o)
          (*bias)[o] *= (*factors)[o];
        newBias = createResourceConstant(
            rewriter, loc, biasType, *bias,
            resourceName(conv.getBias(), "folded_bias"));
      }
    } else {
      if (!bias)
        bias = SmallVector<float>(channels, 0.0f);
      for (int64_t o = 0; o < channels; ++o)
        (*bias)[o] += (*factors)[o];
      newBias = createResourceConstant(
          rewriter, loc, biasType, *bias,
          resourceName(conv.getBias(), "folded_bias"));
    }
    auto folded = ConvOp::create(rewriter, loc, convType, conv.getInput(),
                                 newWeight, newBias, conv.getStridesAttr(),
                                 conv.getDilationsAttr(), conv.getPadsAttr(),
                                 conv.getGroupsAttr());
    rewriter.replaceOp(op, folded.getResult());
    rewriter.eraseOp(conv);
    return success();
  }
};

struct FoldBatchNormPass
    : public accel::dataflow::impl::FoldBatchNormBase<FoldBatchNormPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldAffineIntoConv>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns)))) {
      getOperation()->emitError("dataflow-fold-batchnorm did not converge");
      signalPassFailure();
    }
  }
};
} // namespace
