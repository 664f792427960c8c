//===- DepthwiseMapping.cpp - Depthwise convolution, one channel per PE ---===//
//
// A depthwise convolution (groups == input channels == output channels) has a few weights
// per channel and no reduction across channels, so a weight-stationary GEMM would leave
// almost every PE idle. Instead each PE owns one channel: its KH x KW weights (and bias)
// stay in its memory, and for every output row (n, oh) the stream brings the row's input
// windows gathered as (kh, kw, ow), so one gemv (KH*KW fmacs of length OW) produces the
// output row. Channels are spread over a column of PEs and as many instances of it as
// needed.
//
//===----------------------------------------------------------------------===//
#include "MappingUtils.h"

#include "accel/Dialect/Dataflow/IR/Dataflow.h"

using namespace mlir;
namespace df = accel::dataflow;

namespace accel::wavelet {

namespace {

/// Largest message (a row's gathered windows) one PE holds next to its other buffers.
constexpr int64_t kMaxMessage = 8192;

struct DepthwiseToColumns : OpConversionPattern<df::ConvOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(df::ConvOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!op->getParentOfType<KernelOp>() || !isDepthwise(op))
      return failure();
    auto in = cast<RankedTensorType>(op.getInput().getType());
    auto w = cast<RankedTensorType>(op.getWeight().getType());
    auto out = cast<RankedTensorType>(op.getType());
    int64_t N = in.getDimSize(0), C = in.getDimSize(1);
    int64_t KH = w.getDimSize(2), KW = w.getDimSize(3), KK = KH * KW;
    int64_t OH = out.getDimSize(2), OW = out.getDimSize(3);
    ArrayRef<int64_t> s = op.getStrides(), d = op.getDilations(), p = op.getPads();
    FabricModel fabric = fabricModelOf(op);
    MLIRContext *ctx = op->getContext();
    Location loc = op->getLoc();
    int64_t words = KK * OW + KK + OW + 1;
    if (words > fabric.dataWords())
      return op.emitError("a depthwise output row needs ")
             << words * 4 << " bytes of PE memory but a PE has " << fabric.dataWords() * 4;

    int64_t h = std::max<int64_t>(1, std::min(C, std::max<int64_t>(1, fabric.height / 8)));
    int64_t instances = ceilDiv(C, h);
    if (instances > fabric.width)
      return op.emitError("a depthwise convolution of ")
             << C << " channels needs " << instances << " columns of " << h
             << " PEs but the fabric is " << fabric.width << " wide";
    bool bias = static_cast<bool>(op.getBias());
    Builder b(ctx);
    SmallVector<NamedAttribute> planAttrs = {
        b.getNamedAttr(plan::kKind, b.getStringAttr("depthwise")),
        b.getNamedAttr(plan::kChannels, b.getI64IntegerAttr(2)),
        b.getNamedAttr(plan::kRows, b.getI64IntegerAttr(N * OH)),
        b.getNamedAttr(plan::kInputs, b.getI64IntegerAttr(1)),
        b.getNamedAttr(plan::kMessage, b.getI64IntegerAttr(KK * OW)),
        b.getNamedAttr(plan::kOutMessage, b.getI64IntegerAttr(OW)),
        b.getNamedAttr(plan::kSegment, b.getI64IntegerAttr(KK)),
        b.getNamedAttr(plan::kBias, b.getBoolAttr(bias)),
    };
    RegionOp region = createRegion(rewriter, op, 1, h, instances, b.getDictionaryAttr(planAttrs));
    OpBuilder inner = OpBuilder::atBlockEnd(&region.getBody().front());
    BufferOp weights = createBuffer(inner, loc, "weights", KK);
    createBuffer(inner, loc, "in0", KK * OW);
    createBuffer(inner, loc, "out", OW);
    // Channel of a PE: y + h * instance.
    auto channelDim = [&](int32_t tensorDim) {
      Dim c = dim(tensorDim, 1);
      c.perY = 1;
      c.perInstance = h;
      return c;
    };
    InitOp::create(inner, loc, weights.getResult(), 0, op.getWeight(),
                   makeWindow(ctx, {channelDim(0), dim(2, KH), dim(3, KW)}), PeSetAttr());
    if (bias) {
      BufferOp biasBuf = createBuffer(inner, loc, "bias", 1);
      InitOp::create(inner, loc, biasBuf.getResult(), 0, op.getBias(),
                     makeWindow(ctx, {channelDim(0)}), PeSetAttr());
    }
    for (int64_t i = 0; i < instances; ++i)
      for (int64_t y = 0; y < h; ++y) {
        int64_t c = y + h * i;
        SmallVector<Dim> inDims = {dim(0, N), dim(2, OH, -p[0], s[0]), dim(1, 1, c),
                                   dim(2, KH, 0, d[0]), dim(3, KW, 0, d[1]),
                                   dim(3, OW, -p[1], s[1])};
        SmallVector<Dim> outDims = {dim(0, N), dim(2, OH), dim(1, 1, c), dim(3, OW)};
        StreamInOp::create(inner, loc, op.getInput(), 0, y, i, Side::West, 0, KK * OW,
                           makeWindow(ctx, inDims));
        StreamOutOp::create(inner, loc, 0, 0, y, i, Side::East, 1, OW, makeWindow(ctx, outDims));
      }
    rewriter.eraseOp(op);
    return success();
  }
};

} // namespace

bool isDepthwise(df::ConvOp op) {
  auto in = cast<RankedTensorType>(op.getInput().getType());
  auto w = cast<RankedTensorType>(op.getWeight().getType());
  int64_t C = in.getRank() == 4 ? in.getDimSize(1) : 0;
  return in.getRank() == 4 && op.getGroups() > 1 && op.getGroups() == C &&
         w.getDimSize(0) == C && w.getDimSize(1) == 1;
}

bool isDepthwiseMappable(Operation *op) {
  auto conv = dyn_cast<df::ConvOp>(op);
  if (!conv || !isDepthwise(conv))
    return false;
  auto w = cast<RankedTensorType>(conv.getWeight().getType());
  auto out = cast<RankedTensorType>(conv.getType());
  bool constant = isConstantTensor(conv.getWeight()) &&
                  (!conv.getBias() || isConstantTensor(conv.getBias()));
  return constant && w.getDimSize(2) * w.getDimSize(3) * out.getDimSize(3) <= kMaxMessage;
}

void populateDepthwiseMappingPatterns(RewritePatternSet &patterns) {
  // Before the GEMM pattern: a depthwise conv is also a (grouped) conv.
  patterns.add<DepthwiseToColumns>(patterns.getContext(), /*benefit=*/2);
}

} // namespace accel::wavelet
