//===- RowwiseMapping.cpp - Reductions, softmax, layer norm, pooling ------===//
//
// Ops that turn each row of their input into a row (or one value) of their output, with
// the row held whole in one PE: reductions over trailing axes, softmax and layer norm over
// the last axis, 2-D max/average pooling (a row is one output row's windows, gathered by
// the stream's window: `ow, kh, kw` with padding read as -inf or 0). Like the elementwise
// ops they run on a column of PEs, PE y taking a block of one row dim; every message is
// `rows_per_message` rows and the PE reduces it with segmented DSD reductions.
//
//===----------------------------------------------------------------------===//
#include "MappingUtils.h"

#include "accel/Dialect/Dataflow/IR/Dataflow.h"

#include <limits>

using namespace mlir;
namespace df = accel::dataflow;

namespace accel::wavelet {

namespace {

/// Longest row a PE holds with its working copies (input, temporary, output, parameters).
constexpr int64_t kMaxRow = 2048;

struct RowSpec {
  std::string op;          // "reduce.sum", "softmax", "layer_norm", "pool.max", ...
  Value input;
  SmallVector<Value> params; // layer_norm scale (and bias), initialised in every PE
  // The dims that index rows, as window dims over the input and over the output (same
  // count and extents; a pool's output row oh reads input rows from oh * stride - pad).
  SmallVector<Dim> inRows, outRows;
  int64_t rowLen = 0;        // input elements per row
  int64_t outLen = 0;        // output elements per row
  int64_t segment = 0;       // reduction segment (per output element)
  double scale = 1, epsilon = 0;
  bool log = false;
  // Window dims of one row of the input / output after the row dims (tensor dims, sizes,
  // steps, bases): a plain tail of the tensor for reductions, a gathered window for pools.
  SmallVector<Dim> inTail, outTail;
  float pad = 0;
};

LogicalResult mapRowwise(Operation *op, const RowSpec &spec, ConversionPatternRewriter &rewriter) {
  auto in = cast<RankedTensorType>(spec.input.getType());
  FabricModel fabric = fabricModelOf(op);
  MLIRContext *ctx = op->getContext();
  Location loc = op->getLoc();
  (void)in;
  int64_t rowRank = static_cast<int64_t>(spec.outRows.size());
  SmallVector<int64_t> extent;
  for (const Dim &r : spec.outRows)
    extent.push_back(r.size);

  // Split the outermost row dim with more than one element over a column of PEs; the
  // innermost row dim gives the rows packed into one message.
  int64_t d = 0;
  while (d + 1 < rowRank && extent[d] == 1)
    ++d;
  int64_t rows = 1;
  for (int64_t e : extent)
    rows *= e;
  double work = static_cast<double>(rows) * static_cast<double>(spec.rowLen) * 4.0;
  double io = static_cast<double>(rows) * static_cast<double>(spec.rowLen + spec.outLen) /
              std::max(fabric.ioWaveletsPerCycle, 1e-3);
  int64_t P = static_cast<int64_t>(std::ceil(work / std::max(io, 1.0)));
  int64_t dSize = rowRank ? extent[d] : 1;
  P = std::max<int64_t>(1, std::min({P, dSize, std::max<int64_t>(1, fabric.height / 8)}));
  int64_t s = ceilDiv(dSize, P);
  P = ceilDiv(dSize, s);
  // Rows per message: a divisor of the innermost row dim's extent in one PE (softmax and
  // layer norm broadcast one statistic per message, so they take one row at a time).
  int64_t innerExtent = rowRank == 0 ? 1 : (rowRank - 1 == d ? s : extent[rowRank - 1]);
  int64_t t = 1;
  if (spec.op.rfind("reduce.", 0) == 0 || spec.op.rfind("pool.", 0) == 0)
    for (int64_t c = std::min(innerExtent, kMaxRow / std::max<int64_t>(spec.rowLen, 1)); c >= 1; --c)
      if (innerExtent % c == 0) {
        t = c;
        break;
      }
  int64_t rowsPerPe = 1;
  for (int64_t j = 0; j < rowRank; ++j)
    rowsPerPe *= j == d ? s : extent[j];
  int64_t iterations = rowsPerPe / t;

  Builder b(ctx);
  SmallVector<NamedAttribute> planAttrs = {
      b.getNamedAttr(plan::kKind, b.getStringAttr("rowwise")),
      b.getNamedAttr(plan::kChannels, b.getI64IntegerAttr(2)),
      b.getNamedAttr(plan::kRows, b.getI64IntegerAttr(iterations)),
      b.getNamedAttr(plan::kOp, b.getStringAttr(spec.op)),
      b.getNamedAttr(plan::kInputs, b.getI64IntegerAttr(1)),
      b.getNamedAttr(plan::kMessage, b.getI64IntegerAttr(t * spec.rowLen)),
      b.getNamedAttr(plan::kOutMessage, b.getI64IntegerAttr(t * spec.outLen)),
      b.getNamedAttr(plan::kSegment, b.getI64IntegerAttr(spec.segment)),
      b.getNamedAttr(plan::kAlpha, b.getF64FloatAttr(spec.scale)),
      b.getNamedAttr(plan::kBeta, b.getF64FloatAttr(spec.epsilon)),
      b.getNamedAttr(plan::kLog, b.getBoolAttr(spec.log)),
      b.getNamedAttr(plan::kParams, b.getI64IntegerAttr(spec.params.size())),
  };
  RegionOp region = createRegion(rewriter, op, 1, P, 1, b.getDictionaryAttr(planAttrs));
  OpBuilder inner = OpBuilder::atBlockEnd(&region.getBody().front());
  createBuffer(inner, loc, "in0", t * spec.rowLen);
  createBuffer(inner, loc, "out", std::max<int64_t>(t * spec.outLen, 1));
  createBuffer(inner, loc, "tmp", t * spec.rowLen);
  createBuffer(inner, loc, "consts", 4);
  createBuffer(inner, loc, "stats", 4);
  for (auto [k, param] : llvm::enumerate(spec.params)) {
    BufferOp buf = createBuffer(inner, loc, "param" + std::to_string(k), spec.rowLen);
    auto type = cast<RankedTensorType>(param.getType());
    // The parameter's elements in order, whatever its (trailing) shape.
    SmallVector<Dim> dims;
    for (int64_t j = 0; j < type.getRank(); ++j)
      dims.push_back(dim(static_cast<int32_t>(j), type.getDimSize(j)));
    InitOp::create(inner, loc, buf.getResult(), 0, param, makeWindow(ctx, dims), PeSetAttr());
  }
  // PE y's block of row dim d.
  auto rowDims = [&](ArrayRef<Dim> rowsOf, int64_t y) {
    SmallVector<Dim> dims(rowsOf.begin(), rowsOf.end());
    if (rowRank) {
      dims[d].size = s;
      dims[d].base += y * s * dims[d].step;
    }
    return dims;
  };
  for (int64_t y = 0; y < P; ++y) {
    SmallVector<Dim> inDims = rowDims(spec.inRows, y), outDims = rowDims(spec.outRows, y);
    inDims.append(spec.inTail.begin(), spec.inTail.end());
    outDims.append(spec.outTail.begin(), spec.outTail.end());
    StreamInOp::create(inner, loc, spec.input, 0, y, 0, Side::West, 0, t * spec.rowLen,
                       makeWindow(ctx, inDims, spec.pad));
    StreamOutOp::create(inner, loc, 0, 0, y, 0, Side::East, 1, std::max<int64_t>(t * spec.outLen, 1),
                        makeWindow(ctx, outDims));
  }
  rewriter.eraseOp(op);
  return success();
}

/// Axes [a, rank) with a = rank - axes.size(), or -1 when `axes` are not the trailing ones.
int64_t trailingStart(ArrayRef<int64_t> axes, int64_t rank) {
  SmallVector<int64_t> sorted;
  for (int64_t a : axes)
    sorted.push_back(a < 0 ? a + rank : a);
  llvm::sort(sorted);
  int64_t start = rank - static_cast<int64_t>(sorted.size());
  for (auto [i, a] : llvm::enumerate(sorted))
    if (a != start + static_cast<int64_t>(i))
      return -1;
  return start;
}

/// Row dims [0, count) of a tensor, the same on the input and the output.
SmallVector<Dim> identityRows(ArrayRef<int64_t> shape, int64_t count) {
  SmallVector<Dim> rows;
  for (int64_t j = 0; j < count; ++j)
    rows.push_back(dim(static_cast<int32_t>(j), shape[j]));
  return rows;
}

/// Window tail covering input dims [start, rank) in full.
SmallVector<Dim> fullTail(ArrayRef<int64_t> shape, int64_t start) {
  SmallVector<Dim> tail;
  for (int64_t j = start; j < static_cast<int64_t>(shape.size()); ++j)
    tail.push_back(dim(static_cast<int32_t>(j), shape[j]));
  return tail;
}

/// Rows along the last axis, one row of the input giving one row of the output (softmax,
/// layer norm).
RowSpec lastAxisRows(const char *op, Value input) {
  auto type = cast<RankedTensorType>(input.getType());
  int64_t r = type.getRank();
  RowSpec spec;
  spec.op = op;
  spec.input = input;
  spec.inRows = spec.outRows = identityRows(type.getShape(), r - 1);
  spec.rowLen = spec.outLen = type.getShape().back();
  spec.segment = spec.rowLen;
  spec.inTail = spec.outTail = fullTail(type.getShape(), r - 1);
  return spec;
}

int64_t product(ArrayRef<int64_t> shape, int64_t from) {
  int64_t p = 1;
  for (int64_t j = from; j < static_cast<int64_t>(shape.size()); ++j)
    p *= shape[j];
  return p;
}

struct ReduceToRows : OpConversionPattern<df::ReduceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(df::ReduceOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!op->getParentOfType<KernelOp>())
      return failure();
    auto type = cast<RankedTensorType>(op.getInput().getType());
    int64_t r = type.getRank(), a = trailingStart(op.getAxes(), r);
    RowSpec spec;
    spec.op = ("reduce." + df::stringifyReduceKind(op.getKind())).str();
    spec.input = op.getInput();
    spec.inRows = identityRows(type.getShape(), a);
    spec.outRows = spec.inRows;
    spec.rowLen = product(type.getShape(), a);
    spec.outLen = 1;
    spec.segment = spec.rowLen;
    spec.scale = 1.0 / static_cast<double>(spec.rowLen);
    spec.inTail = fullTail(type.getShape(), a);
    if (op.getKeepDims())
      for (int64_t j = a; j < r; ++j)
        spec.outTail.push_back(dim(static_cast<int32_t>(j), 1));
    return mapRowwise(op, spec, rewriter);
  }
};

struct SoftmaxToRows : OpConversionPattern<df::SoftmaxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(df::SoftmaxOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!op->getParentOfType<KernelOp>())
      return failure();
    RowSpec spec = lastAxisRows("softmax", op.getInput());
    spec.log = op.getLog();
    return mapRowwise(op, spec, rewriter);
  }
};

struct LayerNormToRows : OpConversionPattern<df::LayerNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(df::LayerNormOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!op->getParentOfType<KernelOp>())
      return failure();
    RowSpec spec = lastAxisRows("layer_norm", op.getInput());
    spec.scale = 1.0 / static_cast<double>(spec.rowLen);
    spec.epsilon = op.getEpsilon().convertToDouble();
    spec.params.push_back(op.getScale());
    if (op.getBias())
      spec.params.push_back(op.getBias());
    return mapRowwise(op, spec, rewriter);
  }
};

struct PoolToRows : OpConversionPattern<df::PoolOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(df::PoolOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!op->getParentOfType<KernelOp>())
      return failure();
    auto in = cast<RankedTensorType>(op.getInput().getType());
    auto out = cast<RankedTensorType>(op.getType());
    ArrayRef<int64_t> k = op.getKernelShape(), s = op.getStrides(), p = op.getPads(),
                      dl = op.getDilations();
    int64_t KH = k[0], KW = k[1], OW = out.getDimSize(3);
    bool isMax = op.getKind() == df::PoolKind::Max;
    RowSpec spec;
    spec.op = isMax ? "pool.max" : "pool.avg";
    spec.input = op.getInput();
    int64_t N = in.getDimSize(0), C = in.getDimSize(1), OH = out.getDimSize(2);
    int64_t sh = s.empty() ? 1 : s[0], sw = s.size() > 1 ? s[1] : 1;
    int64_t dh = dl.empty() ? 1 : dl[0], dw = dl.size() > 1 ? dl[1] : 1;
    // A row is one output row (n, c, oh): its OW windows, gathered as (ow, kh, kw) with
    // padding reading -inf (max) or 0 (average over full windows).
    spec.inRows = {dim(0, N), dim(1, C), dim(2, OH, -p[0], sh)};
    spec.outRows = {dim(0, N), dim(1, C), dim(2, OH)};
    spec.inTail = {dim(3, OW, -p[1], sw), dim(2, KH, 0, dh), dim(3, KW, 0, dw)};
    spec.outTail = {dim(3, OW)};
    spec.rowLen = OW * KH * KW;
    spec.outLen = OW;
    spec.segment = KH * KW;
    spec.scale = 1.0 / static_cast<double>(KH * KW);
    spec.pad = isMax ? -std::numeric_limits<float>::infinity() : 0.0f;
    return mapRowwise(op, spec, rewriter);
  }
};

} // namespace

bool isRowwiseMappable(Operation *op) {
  if (!allF32WithElements(op))
    return false;
  if (auto red = dyn_cast<df::ReduceOp>(op)) {
    auto type = cast<RankedTensorType>(red.getInput().getType());
    int64_t a = trailingStart(red.getAxes(), type.getRank());
    df::ReduceKind kind = red.getKind();
    bool kindOk = kind == df::ReduceKind::Sum || kind == df::ReduceKind::Mean ||
                  kind == df::ReduceKind::Max || kind == df::ReduceKind::Min;
    return kindOk && !red.getAxes().empty() && a >= 1 &&
           product(type.getShape(), a) <= kMaxRow;
  }
  if (auto sm = dyn_cast<df::SoftmaxOp>(op)) {
    auto type = cast<RankedTensorType>(sm.getInput().getType());
    int64_t axis = sm.getAxis() < 0 ? sm.getAxis() + type.getRank() : sm.getAxis();
    return type.getRank() >= 2 && axis == type.getRank() - 1 && type.getShape().back() <= kMaxRow;
  }
  if (auto ln = dyn_cast<df::LayerNormOp>(op)) {
    auto type = cast<RankedTensorType>(ln.getInput().getType());
    int64_t r = type.getRank();
    int64_t axis = ln.getAxis() < 0 ? ln.getAxis() + r : ln.getAxis();
    int64_t len = type.getShape().back();
    auto paramOk = [&](Value v) {
      return v && isConstantTensor(v) &&
             cast<RankedTensorType>(v.getType()).getNumElements() == len;
    };
    return r >= 2 && axis == r - 1 && len <= kMaxRow / 2 && paramOk(ln.getScale()) &&
           (!ln.getBias() || paramOk(ln.getBias()));
  }
  if (auto pool = dyn_cast<df::PoolOp>(op)) {
    auto in = cast<RankedTensorType>(pool.getInput().getType());
    auto out = cast<RankedTensorType>(pool.getType());
    if (in.getRank() != 4 || pool.getKernelShape().size() != 2)
      return false;
    ArrayRef<int64_t> k = pool.getKernelShape(), p = pool.getPads();
    bool padded = llvm::any_of(p, [](int64_t v) { return v != 0; });
    // Average pooling divides by the full window: only when every window is full.
    if (pool.getKind() == df::PoolKind::Avg &&
        (pool.getCeilMode() || (padded && !pool.getCountIncludePad())))
      return false;
    return out.getDimSize(3) * k[0] * k[1] <= kMaxRow;
  }
  return false;
}

void populateRowwiseMappingPatterns(RewritePatternSet &patterns) {
  patterns.add<ReduceToRows, SoftmaxToRows, LayerNormToRows, PoolToRows>(patterns.getContext());
}

} // namespace accel::wavelet
