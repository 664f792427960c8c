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
// need. Grouped convolutions get one region per group. (DESIGN 4, WSE "Mapping": the
// weight-stationary option, with partial sums reduced along a line.)
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
    if (cb >= 1) {
      // Same number of blocks, evened out: 300 in blocks of at most 259 is 2 x 150,
      // not 259 + 41 (the last PE row would mostly multiply padding).
      if (!divide) {
        cb = ceilDiv(C, ceilDiv(C, cb));
        nb = ceilDiv(N, ceilDiv(N, nb));
      }
      return Blocks{cb, nb};
    }
    nb = divide ? largestDivisorAtMost(N, nb - 1) : nb / 2;
    if (divide && nb == 1 && (words - 3) / (2 * taps) < 1)
      break;
  }
  return failure();
}

/// How many copies of the region should share the rows: enough that the PEs keep pace
/// with the streams (more would only wait on I/O), at most what the fabric's width holds.
int64_t chooseParallelism(const FabricModel &fabric, int64_t totalRows, int64_t K, int64_t N,
                          int64_t kb, int64_t nb, int64_t pn) {
  double rowCycles = static_cast<double>(kb) * (3 + ceilDiv(nb, std::max<int64_t>(
                                                              1, (int64_t)fabric.fmacPerCycle))) +
                     4.0 * nb;
  double ioCycles = static_cast<double>(totalRows) * static_cast<double>(K + N) /
                    std::max(fabric.ioWaveletsPerCycle, 1e-3);
  double computeCycles = static_cast<double>(totalRows) * rowCycles;
  int64_t wanted = static_cast<int64_t>(std::ceil(computeCycles / std::max(ioCycles, 1.0)));
  int64_t byWidth = std::max<int64_t>(1, fabric.width / pn);
  return std::max<int64_t>(1, std::min(wanted, byWidth * std::max<int64_t>(1, fabric.height / 8)));
}

DictionaryAttr gemmPlan(Builder &b, int64_t rows, int64_t kb, int64_t nb, int64_t pk,
                        int64_t pn, bool bias, bool streamWeights) {
  return b.getDictionaryAttr({
      b.getNamedAttr(plan::kStreamWeights, b.getBoolAttr(streamWeights)),
      b.getNamedAttr(plan::kKind, b.getStringAttr("gemm")),
      b.getNamedAttr(plan::kChannels, b.getI64IntegerAttr(streamWeights ? plan::kGemmChannels + 1
                                                                        : plan::kGemmChannels)),
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
  /// Weights that are activations (attention's Q x K^T, P x V) arrive by stream, one
  /// kb x nb block per PE row, before the rows; the region is then one column wide.
  bool streamWeights = false;
  std::function<SmallVector<Dim>(int64_t y)> weightStreamDims;
};

/// Builds one region of `pm` instances (capped by the rows to split and the fabric's
/// width) computing the GEMM `v`.
LogicalResult buildGemmRegion(ConversionPatternRewriter &rewriter, Operation *op,
                              const GemmViews &v, const Blocks &blocks, StringRef suffix,
                              int64_t pm) {
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
  pm = std::max<int64_t>(1, std::min({pm, v.splitRows, std::max<int64_t>(1, fabric.width / pn)}));
  int64_t splitPer = ceilDiv(v.splitRows, pm);
  pm = ceilDiv(v.splitRows, splitPer);
  int64_t rowsPerInstance = v.rowsPerSplit * splitPer;

  Builder b(ctx);
  RegionOp region = createRegion(rewriter, op, pn, pk, pm,
                                 gemmPlan(b, rowsPerInstance, kb, nb, pk, pn, bool(v.bias),
                                          v.streamWeights));
  if (!suffix.empty())
    region.setSymName((region.getSymName() + suffix).str());
  OpBuilder inner = OpBuilder::atBlockEnd(&region.getBody().front());
  BufferOp weights = createBuffer(inner, loc, "weights", kb * nb);
  createBuffer(inner, loc, "act", kb);
  createBuffer(inner, loc, "psum", nb);
  if (pk > 1)
    createBuffer(inner, loc, "psum_in", nb);
  if (!v.streamWeights)
    InitOp::create(inner, loc, weights.getResult(), 0, v.weight,
                   makeWindow(ctx, v.weightDims()), PeSetAttr());
  if (v.bias) {
    BufferOp bias = createBuffer(inner, loc, "bias", nb);
    auto lastRow = pk > 1 ? PeSetAttr::get(ctx, 0, 1 << 30, pk - 1, 1 << 30, 1, 0, 1, 0)
                          : PeSetAttr();
    InitOp::create(inner, loc, bias.getResult(), 0, v.bias, makeWindow(ctx, v.biasDims()),
                   lastRow);
  }
  int64_t outChannel = (pk - 1) % 2 == 0 ? plan::kGemmPsumEven : plan::kGemmPsumOdd;
  for (int64_t i = 0; i < pm; ++i) {
    for (int64_t y = 0; y < pk && v.streamWeights; ++y)
      StreamInOp::create(inner, loc, v.weight, 0, y, i, Side::West, plan::kGemmWeights,
                         kb * nb, makeWindow(ctx, v.weightStreamDims(y)));
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

LogicalResult mapActivationMatmul(df::MatmulOp op, ConversionPatternRewriter &rewriter);

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
    if (!op->getParentOfType<KernelOp>() || isDepthwise(op))
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
    // Rows are output pixels: instances split the output rows (oh), and when more
    // parallelism pays, regions split the output columns (ow) too.
    int64_t kbAll = blocks->cb * KH * KW;
    int64_t pnAll = ceilDiv(Og, blocks->nb);
    int64_t wanted = chooseParallelism(fabric, N * OH * OW, Cg * KH * KW, Og, kbAll,
                                       blocks->nb, pnAll);
    int64_t pm = std::min(wanted, OH);
    int64_t owBlocks = std::min<int64_t>({ceilDiv(wanted, pm), OW, 64});
    int64_t owPer = ceilDiv(OW, owBlocks);
    owBlocks = ceilDiv(OW, owPer);
    for (int64_t g = 0; g < G; ++g)
    for (int64_t ob = 0; ob < owBlocks; ++ob) {
      GemmViews v;
      v.act = op.getInput();
      v.weight = op.getWeight();
      v.bias = op.getBias();
      v.K = Cg * KH * KW;
      v.N = Og;
      v.C = Cg;
      v.taps = KH * KW;
      v.rows = N * OH * owPer;
      v.splitRows = OH;
      v.rowsPerSplit = N * owPer;
      int64_t cb = blocks->cb, nb = blocks->nb, ow0 = ob * owPer;
      v.actDims = [=](int64_t y, int64_t ohPer) {
        return SmallVector<Dim>{dim(0, N), instanced(2, ohPer, -p[0], s[0], ohPer * s[0]),
                                dim(3, owPer, ow0 * s[1] - p[1], s[1]),
                                dim(1, cb, g * Cg + y * cb), dim(2, KH, 0, d[0]),
                                dim(3, KW, 0, d[1])};
      };
      v.outDims = [=](int64_t x, int64_t ohPer) {
        return SmallVector<Dim>{dim(0, N), instanced(2, ohPer, 0, 1, ohPer),
                                dim(3, owPer, ow0), dim(1, nb, g * Og + x * nb)};
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
      std::string suffix = (G > 1 ? "_g" + std::to_string(g) : std::string()) +
                           (owBlocks > 1 ? "_w" + std::to_string(ob) : std::string());
      if (failed(buildGemmRegion(rewriter, op, v, *blocks, suffix, pm)))
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
    if (rhs.getRank() > 2)
      return mapActivationMatmul(op, rewriter);
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
    int64_t wanted = chooseParallelism(fabric, batch * M, K, N, kb, nb, ceilDiv(N, nb));
    if (failed(buildGemmRegion(rewriter, op, v, *blocks, "", wanted)))
      return failure();
    rewriter.eraseOp(op);
    return success();
  }
};

/// A batched matmul of two activations, [B..., M, K] x [B..., K, N] with the same batch
/// dims: one one-column region per (batch index, block of nb outputs), its PEs receiving
/// their kb x nb block of the right operand by stream before the rows of the left.
LogicalResult mapActivationMatmul(df::MatmulOp op, ConversionPatternRewriter &rewriter) {
  auto lhs = cast<RankedTensorType>(op.getLhs().getType());
  auto rhs = cast<RankedTensorType>(op.getRhs().getType());
  int64_t r = lhs.getRank();
  bool tr = op.getTransposeRhs();
  int64_t M = lhs.getDimSize(r - 2), K = lhs.getDimSize(r - 1);
  int64_t N = rhs.getDimSize(tr ? r - 2 : r - 1);
  SmallVector<int64_t> batchShape(lhs.getShape().begin(), lhs.getShape().end() - 2);
  int64_t batches = 1;
  for (int64_t d : batchShape)
    batches *= d;
  FabricModel fabric = fabricModelOf(op);
  FailureOr<Blocks> blocks = chooseBlocks(K, 1, N, fabric.dataWords(), false);
  if (failed(blocks))
    return op.emitError("a matmul block does not fit one PE's ")
           << fabric.dataWords() * 4 << " bytes of data memory";
  int64_t kb = blocks->cb, nb = blocks->nb, nBlocks = ceilDiv(N, nb);
  int64_t wanted = std::max<int64_t>(
      1, chooseParallelism(fabric, M, K, nb, kb, nb, 1) / std::max<int64_t>(1, batches * nBlocks));
  for (int64_t bi = 0; bi < batches; ++bi) {
    // The batch coordinates of `bi` (row-major over the batch dims).
    SmallVector<int64_t> coord(batchShape.size());
    for (int64_t j = static_cast<int64_t>(batchShape.size()) - 1, rest = bi; j >= 0; --j) {
      coord[j] = rest % batchShape[j];
      rest /= batchShape[j];
    }
    auto batchDims = [&]() {
      SmallVector<Dim> dims;
      for (auto [j, c] : llvm::enumerate(coord))
        dims.push_back(dim(static_cast<int32_t>(j), 1, c));
      return dims;
    };
    for (int64_t nbk = 0; nbk < nBlocks; ++nbk) {
      GemmViews v;
      v.act = op.getLhs();
      v.weight = op.getRhs();
      v.streamWeights = true;
      v.K = K;
      v.N = nb;
      v.C = K;
      v.rows = M;
      v.splitRows = M;
      v.rowsPerSplit = 1;
      SmallVector<Dim> bdims = batchDims();
      int64_t n0 = nbk * nb;
      v.actDims = [=](int64_t y, int64_t mPer) {
        SmallVector<Dim> dims = bdims;
        dims.push_back(instanced(r - 2, mPer, 0, 1, mPer));
        dims.push_back(dim(r - 1, kb, y * kb));
        return dims;
      };
      v.outDims = [=](int64_t, int64_t mPer) {
        SmallVector<Dim> dims = bdims;
        dims.push_back(instanced(r - 2, mPer, 0, 1, mPer));
        dims.push_back(dim(r - 1, nb, n0));
        return dims;
      };
      v.weightStreamDims = [=](int64_t y) {
        SmallVector<Dim> dims = bdims;
        Dim k = dim(tr ? r - 1 : r - 2, kb, y * kb), n = dim(tr ? r - 2 : r - 1, nb, n0);
        dims.push_back(k);
        dims.push_back(n);
        return dims;
      };
      std::string suffix = "_b" + std::to_string(bi) + "_n" + std::to_string(nbk);
      if (failed(buildGemmRegion(rewriter, op, v, *blocks, suffix, wanted)))
        return failure();
    }
  }
  rewriter.eraseOp(op);
  return success();
}

} // namespace

bool isGemmMappable(Operation *op) {
  if (auto conv = dyn_cast<df::ConvOp>(op)) {
    auto in = cast<RankedTensorType>(conv.getInput().getType());
    auto w = cast<RankedTensorType>(conv.getWeight().getType());
    if (in.getRank() != 4 || !isConstantTensor(conv.getWeight()) ||
        (conv.getBias() && !isConstantTensor(conv.getBias())))
      return false;
    int64_t G = conv.getGroups();
    // Depthwise convolutions have their own kernel (DepthwiseMapping.cpp); other grouped
    // ones get a region per group, up to 64.
    if (G > 64 || isDepthwise(conv))
      return false;
    // One input channel of one output's window (plus its activation copy) must fit a PE.
    return w.getDimSize(2) * w.getDimSize(3) <= 4096;
  }
  if (auto mm = dyn_cast<df::MatmulOp>(op)) {
    auto lhs = cast<RankedTensorType>(mm.getLhs().getType());
    auto rhs = cast<RankedTensorType>(mm.getRhs().getType());
    if (!lhs.getElementType().isF32() || lhs.getRank() < 2 || mm.getTransposeLhs())
      return false;
    if (rhs.getRank() == 2)
      return isConstantTensor(mm.getRhs());
    // Two activations with the same batch dims (attention): at most 256 (batch, block)
    // regions.
    if (rhs.getRank() != lhs.getRank() ||
        lhs.getShape().drop_back(2) != rhs.getShape().drop_back(2))
      return false;
    int64_t batches = 1;
    for (int64_t d : lhs.getShape().drop_back(2))
      batches *= d;
    int64_t n = rhs.getShape()[mm.getTransposeRhs() ? rhs.getRank() - 2 : rhs.getRank() - 1];
    return batches * ((n + 63) / 64) <= 256;
  }
  return false;
}

void populateGemmMappingPatterns(RewritePatternSet &patterns) {
  patterns.add<ConvToGemm, MatmulToGemm>(patterns.getContext());
}

} // namespace accel::wavelet
