//===- GemmMapping.cpp - Convolution and matmul as a weight-stationary GEMM ===//
//
// C[M, N] = A[M, K] x W[K, N] with W constant (a conv is this with A the im2col view of
// its input: row = output pixel, k = (channel, kh, kw)). The region is pn PEs wide and pk
// PEs tall; PE (x, y) keeps the kb x nb block W[y-th k block, x-th n block] in its
// memory. Each A row enters every PE row y at its west edge (the k block y of the row)
// and is multicast east along the row; every PE multiplies it with its block (gemv);
// partial sums travel south down each column, each PE adding its own, and leave the
// bottom row as the n block x of the C row. `instances` copies of the region side by side
// each take a slice of the rows (conv: of the output rows; matmul: of M), so the layer
// uses more PEs when its rows outnumber what one copy computes in the time the streams
// need. Grouped (and depthwise) convolutions get one region per group. (DESIGN 4, WSE
// "Mapping": the weight-stationary option, with partial sums reduced along a line.)
//
//===----------------------------------------------------------------------===//
#include "MappingUtils.h"

#include "accel/Dialect/Dataflow/IR/Dataflow.h"

using namespace mlir;
namespace df = accel::dataflow;

namespace accel::wavelet {

namespace {

/// Blocking of one GEMM: kb = cb * taps (taps = kernel window size, 1 for matmul).
struct Blocks {
  int64_t cb = 0, nb = 0;
};

/// Largest divisor of `n` that is <= limit.
int64_t largestDivisorAtMost(int64_t n, int64_t limit) {
  for (int64_t d = std::min(n, limit); d > 1; --d)
    if (n % d == 0)
      return d;
  return 1;
}

/// Chooses the per-PE block so that weights (cb*taps*nb), the activation row (cb*taps),
/// the partial sum, its incoming copy and the bias (3*nb) fit `words`. When `divide`,
/// cb divides C and nb divides N (grouped convolutions: a block must not run into the next
/// group's channels). Fails when even one channel of one output does not fit.
FailureOr<Blocks> chooseBlocks(int64_t C, int64_t taps, int64_t N, int64_t words, bool divide) {
  int64_t nb = std::min<int64_t>(N, 64);
  if (divide)
    nb = largestDivisorAtMost(N, nb);
  while (nb >= 1) {
    int64_t cb = (words - 3 * nb) / ((nb + 1) * taps);
    cb = std::min(cb, C);
    if (divide && cb >= 1)
      cb = largestDivisorAtMost(C, cb);
    if (cb >= 1)
      return Blocks{cb, nb};
    nb = divide ? largestDivisorAtMost(N, nb - 1) : nb / 2;
    if (divide && nb == 1 && (words - 3) / (2 * taps) < 1)
      break;
  }
  return failure();
}

/// How many region copies share the rows: enough that the PEs keep pace with the
/// streams (more would only wait on I/O), within the fabric's width and the rows there
/// are to split.
int64_t chooseInstances(const FabricModel &fabric, int64_t totalRows, int64_t splitRows,
                        int64_t K, int64_t N, int64_t kb, int64_t nb, int64_t pn) {
  double rowCycles = static_cast<double>(kb) * (3 + ceilDiv(nb, std::max<int64_t>(
                                                              1, (int64_t)fabric.fmacPerCycle))) +
                     4.0 * nb;
  double ioCycles = static_cast<double>(totalRows) * static_cast<double>(K + N) /
                    std::max(fabric.ioWaveletsPerCycle, 1e-3);
  double computeCycles = static_cast<double>(totalRows) * rowCycles;
  int64_t wanted = static_cast<int64_t>(std::ceil(computeCycles / std::max(ioCycles, 1.0)));
  int64_t byWidth = std::max<int64_t>(1, fabric.width / pn);
  return std::max<int64_t>(1, std::min({wanted, byWidth, splitRows}));
}

DictionaryAttr gemmPlan(Builder &b, int64_t rows, int64_t kb, int64_t nb, int64_t pk,
                        int64_t pn, bool bias) {
  return b.getDictionaryAttr({
      b.getNamedAttr(plan::kKind, b.getStringAttr("gemm")),
      b.getNamedAttr(plan::kChannels, b.getI64IntegerAttr(plan::kGemmChannels)),
      b.getNamedAttr(plan::kRows, b.getI64IntegerAttr(rows)),
      b.getNamedAttr(plan::kKb, b.getI64IntegerAttr(kb)),
      b.getNamedAttr(plan::kNb, b.getI64IntegerAttr(nb)),
      b.getNamedAttr(plan::kPk, b.getI64IntegerAttr(pk)),
      b.getNamedAttr(plan::kPn, b.getI64IntegerAttr(pn)),
      b.getNamedAttr(plan::kBias, b.getBoolAttr(bias)),
  });
}

/// What differs between a conv and a matmul: where A rows, W blocks and C rows are.
struct GemmViews {
  Value act, weight, bias;
  int64_t K = 0, N = 0, C = 0, taps = 1, rows = 0, splitRows = 0, rowsPerSplit = 1;
  std::function<SmallVector<Dim>(int64_t y, int64_t rowsPerInstance)> actDims;
  std::function<SmallVector<Dim>(int64_t x, int64_t rowsPerInstance)> outDims;
  std::function<SmallVector<Dim>()> weightDims, biasDims;
};

LogicalResult buildGemmRegion(ConversionPatternRewriter &rewriter, Operation *op,
                              const GemmViews &v, const Blocks &blocks, StringRef suffix) {
  FabricModel fabric = fabricModelOf(op);
  Location loc = op->getLoc();
  MLIRContext *ctx = op->getContext();
  int64_t kb = blocks.cb * v.taps, nb = blocks.nb;
  int64_t pk = ceilDiv(v.C, blocks.cb), pn = ceilDiv(v.N, nb);
  if (pk > fabric.height || pn > fabric.width)
    return op->emitError("the layer needs a ")
           << pn << "x" << pk << " PE rectangle (" << v.N << " outputs in blocks of " << nb
           << ", " << v.K << " inputs in blocks of " << kb << ") but the fabric is "
           << fabric.width << "x" << fabric.height << "; use a larger grid";
  int64_t pm = chooseInstances(fabric, v.rows, v.splitRows, v.K, v.N, kb, nb, pn);
  int64_t splitPer = ceilDiv(v.splitRows, pm);
  pm = ceilDiv(v.splitRows, splitPer);
  int64_t rowsPerInstance = v.rowsPerSplit * splitPer;

  Builder b(ctx);
  RegionOp region = createRegion(rewriter, op, pn, pk, pm,
                                 gemmPlan(b, rowsPerInstance, kb, nb, pk, pn, bool(v.bias)));
  if (!suffix.empty())
    region.setSymName((region.getSymName() + suffix).str());
  OpBuilder inner = OpBuilder::atBlockEnd(&region.getBody().front());
  BufferOp weights = createBuffer(inner, loc, "weights", kb * nb);
  createBuffer(inner, loc, "act", kb);
  createBuffer(inner, loc, "psum", nb);
  if (pk > 1)
    createBuffer(inner, loc, "psum_in", nb);
  InitOp::create(inner, loc, weights.getResult(), 0, v.weight,
                 makeWindow(ctx, v.weightDims()), PeSetAttr());
  if (v.bias) {
    BufferOp bias = createBuffer(inner, loc, "bias", nb);
    auto lastRow = PeSetAttr::get(ctx, 0, 1 << 30, pk - 1, 1 << 30, 1, 0, 1, 0);
    InitOp::create(inner, loc, bias.getResult(), 0, v.bias, makeWindow(ctx, v.biasDims()),
                   lastRow);
  }
  int64_t outChannel = (pk - 1) % 2 == 0 ? plan::kGemmPsumEven : plan::kGemmPsumOdd;
  for (int64_t i = 0; i < pm; ++i) {
    for (int64_t y = 0; y < pk; ++y) {
      SmallVector<Dim> dims = v.actDims(y, splitPer);
      for (Dim &d : dims)
        d.base += d.perInstance * i, d.perInstance = 0;
      StreamInOp::create(inner, loc, v.act, 0, y, i, Side::West, plan::kGemmAct, kb,
                         makeWindow(ctx, dims));
    }
    for (int64_t x = 0; x < pn; ++x) {
      SmallVector<Dim> dims = v.outDims(x, splitPer);
      for (Dim &d : dims)
        d.base += d.perInstance * i, d.perInstance = 0;
      StreamOutOp::create(inner, loc, 0, x, pk - 1, i, Side::South, outChannel, nb,
                          makeWindow(ctx, dims));
    }
  }
  return success();
}

/// A dim whose base moves by `perInstance` per region instance.
Dim instanced(int32_t tensorDim, int64_t size, int64_t base, int64_t step, int64_t perInstance) {
  Dim d = dim(tensorDim, size, base, step);
  d.perInstance = perInstance;
  return d;
}

struct ConvToGemm : OpConversionPattern<df::ConvOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(df::ConvOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!op->getParentOfType<KernelOp>())
      return failure();
    auto in = cast<RankedTensorType>(op.getInput().getType());
    auto w = cast<RankedTensorType>(op.getWeight().getType());
    auto out = cast<RankedTensorType>(op.getType());
    int64_t N = in.getDimSize(0), G = op.getGroups();
    int64_t Cg = w.getDimSize(1), Og = w.getDimSize(0) / G;
    int64_t KH = w.getDimSize(2), KW = w.getDimSize(3);
    int64_t OH = out.getDimSize(2), OW = out.getDimSize(3);
    ArrayRef<int64_t> s = op.getStrides(), d = op.getDilations(), p = op.getPads();
    FabricModel fabric = fabricModelOf(op);
    FailureOr<Blocks> blocks = chooseBlocks(Cg, KH * KW, Og, fabric.dataWords(), G > 1);
    if (failed(blocks))
      return op.emitError("a ")
             << KH << "x" << KW << " convolution window does not fit one PE's "
             << fabric.dataWords() * 4 << " bytes of data memory";
    for (int64_t g = 0; g < G; ++g) {
      GemmViews v;
      v.act = op.getInput();
      v.weight = op.getWeight();
      v.bias = op.getBias();
      v.K = Cg * KH * KW;
      v.N = Og;
      v.C = Cg;
      v.taps = KH * KW;
      v.rows = N * OH * OW;
      v.splitRows = OH;
      v.rowsPerSplit = N * OW;
      int64_t cb = blocks->cb, nb = blocks->nb;
      v.actDims = [=](int64_t y, int64_t ohPer) {
        return SmallVector<Dim>{dim(0, N), instanced(2, ohPer, -p[0], s[0], ohPer * s[0]),
                                dim(3, OW, -p[1], s[1]), dim(1, cb, g * Cg + y * cb),
                                dim(2, KH, 0, d[0]), dim(3, KW, 0, d[1])};
      };
      v.outDims = [=](int64_t x, int64_t ohPer) {
        return SmallVector<Dim>{dim(0, N), instanced(2, ohPer, 0, 1, ohPer), dim(3, OW),
                                dim(1, nb, g * Og + x * nb)};
      };
      v.weightDims = [=]() {
        Dim c = dim(1, cb), n = dim(0, nb, g * Og);
        c.perY = cb;
        n.perX = nb;
        return SmallVector<Dim>{c, dim(2, KH), dim(3, KW), n};
      };
      v.biasDims = [=]() {
        Dim n = dim(0, nb, g * Og);
        n.perX = nb;
        return SmallVector<Dim>{n};
      };
      std::string suffix = G > 1 ? "_g" + std::to_string(g) : "";
      if (failed(buildGemmRegion(rewriter, op, v, *blocks, suffix)))
        return failure();
    }
    rewriter.eraseOp(op);
    return success();
  }
};

struct MatmulToGemm : OpConversionPattern<df::MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(df::MatmulOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!op->getParentOfType<KernelOp>())
      return failure();
    auto lhs = cast<RankedTensorType>(op.getLhs().getType());
    auto rhs = cast<RankedTensorType>(op.getRhs().getType());
    int64_t r = lhs.getRank();
    bool tr = op.getTransposeRhs();
    int64_t M = lhs.getDimSize(r - 2), K = lhs.getDimSize(r - 1);
    int64_t N = rhs.getDimSize(tr ? 0 : 1);
    int64_t batch = 1;
    for (int64_t i = 0; i + 2 < r; ++i)
      batch *= lhs.getDimSize(i);
    FabricModel fabric = fabricModelOf(op);
    FailureOr<Blocks> blocks = chooseBlocks(K, 1, N, fabric.dataWords(), false);
    if (failed(blocks))
      return op.emitError("a matmul block does not fit one PE's ")
             << fabric.dataWords() * 4 << " bytes of data memory";
    int64_t kb = blocks->cb, nb = blocks->nb;
    GemmViews v;
    v.act = op.getLhs();
    v.weight = op.getRhs();
    v.K = K;
    v.N = N;
    v.C = K;
    v.rows = batch * M;
    v.splitRows = M;
    v.rowsPerSplit = batch;
    auto rowDims = [=](ArrayRef<int64_t> shape, int64_t mPer) {
      SmallVector<Dim> dims;
      for (int64_t i = 0; i + 2 < r; ++i)
        dims.push_back(dim(i, shape[i]));
      dims.push_back(instanced(r - 2, mPer, 0, 1, mPer));
      return dims;
    };
    SmallVector<int64_t> lhsShape(lhs.getShape());
    v.actDims = [=](int64_t y, int64_t mPer) {
      SmallVector<Dim> dims = rowDims(lhsShape, mPer);
      dims.push_back(dim(r - 1, kb, y * kb));
      return dims;
    };
    v.outDims = [=](int64_t x, int64_t mPer) {
      SmallVector<Dim> dims = rowDims(lhsShape, mPer);
      dims.push_back(dim(r - 1, nb, x * nb));
      return dims;
    };
    v.weightDims = [=]() {
      Dim k = dim(tr ? 1 : 0, kb), n = dim(tr ? 0 : 1, nb);
      k.perY = kb;
      n.perX = nb;
      return SmallVector<Dim>{k, n};
    };
    if (failed(buildGemmRegion(rewriter, op, v, *blocks, "")))
      return failure();
    rewriter.eraseOp(op);
    return success();
  }
};

/// The most groups a device convolution may have (one PE region per group).
constexpr int64_t kMaxConvGroups = 4096;

bool isConstant(Value v) {
  Operation *def = v.getDefiningOp();
  return def && def->getName().getStringRef() == "dataflow.constant";
}

} // namespace

bool isGemmMappable(Operation *op) {
  if (auto conv = dyn_cast<df::ConvOp>(op)) {
    auto in = cast<RankedTensorType>(conv.getInput().getType());
    auto w = cast<RankedTensorType>(conv.getWeight().getType());
    if (in.getRank() != 4 || !in.getElementType().isF32() || !isConstant(conv.getWeight()) ||
        (conv.getBias() && !isConstant(conv.getBias())))
      return false;
    // Grouped convolutions get one region per group, depthwise ones too: a 1152-channel
    // depthwise layer is 1152 small regions (EfficientNet-B0 compiles in ~3 s and
    // simulates in ~6 s that way; with them on the host, 9 % of its FLOPs were). A
    // dedicated depthwise kernel (channels across a PE row) would be denser; until then
    // the group count is capped to bound compile and simulation time.
    if (conv.getGroups() > kMaxConvGroups)
      return false;
    return w.getDimSize(2) * w.getDimSize(3) <= 121;
  }
  if (auto mm = dyn_cast<df::MatmulOp>(op)) {
    auto lhs = cast<RankedTensorType>(mm.getLhs().getType());
    auto rhs = cast<RankedTensorType>(mm.getRhs().getType());
    return lhs.getElementType().isF32() && lhs.getRank() >= 2 && rhs.getRank() == 2 &&
           !mm.getTransposeLhs() && isConstant(mm.getRhs());
  }
  return false;
}

void populateGemmMappingPatterns(RewritePatternSet &patterns) {
  patterns.add<ConvToGemm, MatmulToGemm>(patterns.getContext());
}

} // namespace accel::wavelet
