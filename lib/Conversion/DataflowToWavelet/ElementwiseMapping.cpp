//===- ElementwiseMapping.cpp - Elementwise ops as PE-local streaming -----===//
//
// A column of PEs (one wide, `height` tall): PE y receives its slice of every operand
// through its west edge, applies the op to each message in its own memory and sends the
// result out of its east edge. The slice is a block of one tensor dim (the outermost dim
// whose inner part fits a message); broadcast operands are streamed with step 0 along
// the dims they broadcast, so the PE sees them expanded. The column is as tall as keeps
// the PEs in pace with the streams.
//
//===----------------------------------------------------------------------===//
#include "MappingUtils.h"

#include "accel/Dialect/Dataflow/IR/Dataflow.h"

using namespace mlir;
namespace df = accel::dataflow;

namespace accel::wavelet {

namespace {

constexpr int64_t kMaxMessage = 1024;

/// PE cycles per element of each op (a rough cost for choosing the column's height;
/// the simulator charges the real instruction costs).
double costPerElement(StringRef op) {
  if (op == "unary.relu" || op == "unary.abs" || op == "unary.neg" || op == "unary.identity" ||
      op == "unary.floor" || op == "unary.ceil" || op.starts_with("binary.") || op == "clamp")
    return 1;
  return 30;
}

struct ElementwiseSpec {
  std::string op;
  SmallVector<Value> inputs;
  double alpha = 0, beta = 0;
};

LogicalResult mapElementwise(Operation *op, const ElementwiseSpec &spec,
                             ConversionPatternRewriter &rewriter) {
  auto out = cast<RankedTensorType>(op->getResult(0).getType());
  ArrayRef<int64_t> shape = out.getShape();
  int64_t r = out.getRank();
  FabricModel fabric = fabricModelOf(op);
  MLIRContext *ctx = op->getContext();
  Location loc = op->getLoc();

  // Split dim d: the outermost dim whose inner part (the dims after it) fits a message.
  SmallVector<int64_t> shapeV(shape);
  if (r == 0)
    shapeV.push_back(1);
  int64_t rank = static_cast<int64_t>(shapeV.size());
  int64_t d = rank - 1, inner = 1;
  // A message and its working copies (operands, result, temporary) fit one PE.
  int64_t maxMessage = std::max<int64_t>(
      1, std::min<int64_t>(kMaxMessage, (fabric.dataWords() - 4) /
                                            static_cast<int64_t>(spec.inputs.size() + 2)));
  for (int64_t j = rank - 1; j > 0 && inner * shapeV[j] <= maxMessage; --j) {
    inner *= shapeV[j];
    d = j - 1;
  }
  int64_t outer = 1;
  for (int64_t j = 0; j < d; ++j)
    outer *= shapeV[j];
  int64_t total = outer * shapeV[d] * inner;

  double io = static_cast<double>(total) * static_cast<double>(spec.inputs.size() + 1) /
              std::max(fabric.ioWaveletsPerCycle, 1e-3);
  double compute = static_cast<double>(total) * (costPerElement(spec.op) + 3);
  int64_t P = static_cast<int64_t>(std::ceil(compute / std::max(io, 1.0)));
  // At most an eighth of the fabric's height: the column must leave room for the other
  // resident layers (wse-place packs every layer's region side by side).
  P = std::max<int64_t>(1, std::min({P, shapeV[d], std::max<int64_t>(1, fabric.height / 8)}));
  int64_t s = ceilDiv(shapeV[d], P);
  P = ceilDiv(shapeV[d], s);
  int64_t t = 1;
  for (int64_t c = std::min(s, maxMessage / std::max<int64_t>(inner, 1)); c >= 1; --c)
    if (s % c == 0) {
      t = c;
      break;
    }
  int64_t message = inner * t, iterations = outer * (s / t);

  Builder b(ctx);
  SmallVector<NamedAttribute> planAttrs = {
      b.getNamedAttr(plan::kKind, b.getStringAttr("elementwise")),
      b.getNamedAttr(plan::kChannels,
                     b.getI64IntegerAttr(static_cast<int64_t>(spec.inputs.size()) + 1)),
      b.getNamedAttr(plan::kRows, b.getI64IntegerAttr(iterations)),
      b.getNamedAttr(plan::kOp, b.getStringAttr(spec.op)),
      b.getNamedAttr(plan::kInputs, b.getI64IntegerAttr(spec.inputs.size())),
      b.getNamedAttr(plan::kMessage, b.getI64IntegerAttr(message)),
      b.getNamedAttr(plan::kAlpha, b.getF64FloatAttr(spec.alpha)),
      b.getNamedAttr(plan::kBeta, b.getF64FloatAttr(spec.beta)),
  };
  RegionOp region = createRegion(rewriter, op, 1, P, 1, b.getDictionaryAttr(planAttrs));
  OpBuilder inner2 = OpBuilder::atBlockEnd(&region.getBody().front());
  for (size_t k = 0; k < spec.inputs.size(); ++k)
    createBuffer(inner2, loc, "in" + std::to_string(k), message);
  createBuffer(inner2, loc, "out", message);
  createBuffer(inner2, loc, "tmp", message);
  createBuffer(inner2, loc, "consts", 4);

  // The window of PE y over a tensor of `tshape` broadcast to the output's shape.
  auto windowFor = [&](ArrayRef<int64_t> tshape, int64_t y) {
    int64_t tr = static_cast<int64_t>(tshape.size());
    SmallVector<Dim> dims;
    for (int64_t j = 0; j < rank; ++j) {
      int64_t size = j == d ? s : shapeV[j];
      int64_t base = j == d ? y * s : 0;
      int64_t tj = j - (rank - tr);
      if (tj < 0 || tshape[tj] == 1) // broadcast: stay on coordinate 0
        dims.push_back(dim(0, size, 0, 0));
      else
        dims.push_back(dim(static_cast<int32_t>(tj), size, base, 1));
    }
    return makeWindow(ctx, dims);
  };
  for (int64_t y = 0; y < P; ++y) {
    for (size_t k = 0; k < spec.inputs.size(); ++k) {
      auto type = cast<RankedTensorType>(spec.inputs[k].getType());
      StreamInOp::create(inner2, loc, spec.inputs[k], 0, y, 0, Side::West,
                         static_cast<int64_t>(k), message, windowFor(type.getShape(), y));
    }
    StreamOutOp::create(inner2, loc, 0, 0, y, 0, Side::East,
                        static_cast<int64_t>(spec.inputs.size()), message,
                        windowFor(shape, y));
  }
  rewriter.eraseOp(op);
  return success();
}

/// Unary kinds the PE program computes (directly or as a short sequence).
bool isMappedUnary(df::UnaryKind kind) {
  switch (kind) {
  case df::UnaryKind::Relu:
  case df::UnaryKind::Sigmoid:
  case df::UnaryKind::Tanh:
  case df::UnaryKind::Exp:
  case df::UnaryKind::Log:
  case df::UnaryKind::Sqrt:
  case df::UnaryKind::Reciprocal:
  case df::UnaryKind::Abs:
  case df::UnaryKind::Neg:
  case df::UnaryKind::Floor:
  case df::UnaryKind::Ceil:
  case df::UnaryKind::Erf:
  case df::UnaryKind::Gelu:
  case df::UnaryKind::LeakyRelu:
  case df::UnaryKind::Identity:
  case df::UnaryKind::HardSigmoid:
  case df::UnaryKind::HardSwish:
  case df::UnaryKind::Softplus:
    return true;
  default:
    return false;
  }
}

bool isMappedBinary(df::BinaryKind kind) {
  switch (kind) {
  case df::BinaryKind::Add:
  case df::BinaryKind::Sub:
  case df::BinaryKind::Mul:
  case df::BinaryKind::Div:
  case df::BinaryKind::Max:
  case df::BinaryKind::Min:
    return true;
  default:
    return false;
  }
}

struct UnaryToStream : OpConversionPattern<df::UnaryOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(df::UnaryOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!op->getParentOfType<KernelOp>())
      return failure();
    ElementwiseSpec spec;
    spec.op = ("unary." + df::stringifyUnaryKind(op.getKind())).str();
    spec.inputs = {op.getInput()};
    spec.alpha = op.getAlpha().convertToDouble();
    spec.beta = op.getBeta().convertToDouble();
    return mapElementwise(op, spec, rewriter);
  }
};

struct BinaryToStream : OpConversionPattern<df::BinaryOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(df::BinaryOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!op->getParentOfType<KernelOp>())
      return failure();
    ElementwiseSpec spec;
    spec.op = ("binary." + df::stringifyBinaryKind(op.getKind())).str();
    spec.inputs = {op.getLhs(), op.getRhs()};
    return mapElementwise(op, spec, rewriter);
  }
};

struct ClampToStream : OpConversionPattern<df::ClampOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(df::ClampOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!op->getParentOfType<KernelOp>())
      return failure();
    ElementwiseSpec spec;
    spec.op = "clamp";
    spec.inputs = {op.getInput()};
    spec.alpha = op.getMin().convertToDouble();
    spec.beta = op.getMax().convertToDouble();
    return mapElementwise(op, spec, rewriter);
  }
};

} // namespace

bool isElementwiseMappable(Operation *op) {
  if (!allF32WithElements(op))
    return false;
  if (auto u = dyn_cast<df::UnaryOp>(op))
    return isMappedUnary(u.getKind());
  if (auto b = dyn_cast<df::BinaryOp>(op))
    return isMappedBinary(b.getKind());
  return isa<df::ClampOp>(op);
}

void populateElementwiseMappingPatterns(RewritePatternSet &patterns) {
  patterns.add<UnaryToStream, BinaryToStream, ClampToStream>(patterns.getContext());
}

} // namespace accel::wavelet
