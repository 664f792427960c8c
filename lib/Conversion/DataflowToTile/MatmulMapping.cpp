//===- MatmulMapping.cpp - Matrix products on tiles -----------------------===//
//
// The planner in the spirit of poplibs' matmul planning (DESIGN.md 4): the product
// out[b][M x N] = A[b][M x K] * B[b][K x N] is split over tiles in batch (pb), rows (pm),
// columns (pn) and the reduction dim (pk). Every split is costed with the machine's
// numbers — AMP cycles of the tile's block, exchange cycles of the operands it receives,
// and, when K is split, a second superstep in which each of the pk tiles of a block
// receives 1/pk of the others' partial sums and adds them — and the cheapest split whose
// per-tile working set fits the layer's memory budget wins (ties: fewer tiles). Constant
// weights are laid out by tile.init in the block each tile needs (no exchange).
//
//===----------------------------------------------------------------------===//
#include "Mappings.h"

#include "accel/Dialect/Dataflow/IR/Dataflow.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
namespace df = accel::dataflow;

namespace accel::tile::mapping {

namespace {

int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

} // namespace

SmallVector<int64_t> splitCandidates(int64_t n, int64_t limit) {
  SmallVector<int64_t> c;
  int64_t top = std::min(n, limit);
  for (int64_t odd : {1, 3, 5, 7, 9, 11, 13, 15, 23})
    for (int64_t p = odd; p <= top; p *= 2)
      c.push_back(p);
  if (n <= limit)
    c.push_back(n);
  if (c.empty())
    c.push_back(1);
  llvm::sort(c);
  c.erase(std::unique(c.begin(), c.end()), c.end());
  return c;
}

GemmPlan planGemm(const KernelMapper &km, const GemmShape &s) {
  const CostModel &c = km.costs();
  GemmPlan best;
  double bestCost = -1;
  int64_t T = km.numTiles(), budget = km.layerBudgetWords();
  for (int64_t pb : splitCandidates(s.batch, T))
    for (int64_t pm : splitCandidates(s.m, T / pb))
      for (int64_t pn : splitCandidates(s.n, T / (pb * pm)))
        for (int64_t pk : splitCandidates(s.k, T / (pb * pm * pn))) {
          int64_t b = ceilDiv(s.batch, pb), m = ceilDiv(s.m, pm), n = ceilDiv(s.n, pn),
                  k = ceilDiv(s.k, pk);
          int64_t block = b * m * n;
          // A constant B block is stored once over the R tiles that read it and broadcast
          // to them (each receives it whole and keeps 1/R resident).
          int64_t bWords = (s.batchedB ? b : 1) * k * n;
          int64_t replicas = s.constantB ? pm * (s.batchedB ? 1 : pb) : 1;
          int64_t words = b * (m * k + m * n) + bWords +
                          (replicas > 1 ? ceilDiv(bWords, replicas) : 0) + (pk > 1 ? block : 0);
          if (words > budget)
            continue;
          double received = double(b) * m * k +
                            (!s.constantB || replicas > 1 ? double(bWords) : 0.0);
          double cost = double(b) * (c.ampOverheadCycles + double(m) * n * k / c.ampMacsPerCycle) +
                        c.exchangeCycles(received) + c.stepCycles();
          if (pk > 1) {
            double chunk = double(ceilDiv(block, pk));
            cost += c.stepCycles() + c.exchangeCycles(chunk * pk) +
                    c.vertexOverheadCycles + chunk * pk * c.workerCyclesPerElement;
          }
          int64_t tiles = pb * pm * pn * pk;
          if (bestCost < 0 || cost < bestCost - 1e-9 ||
              (std::abs(cost - bestCost) <= 1e-9 && tiles < best.tiles())) {
            bestCost = cost;
            best = GemmPlan{pb, pm, pn, pk, cost};
          }
        }
  return best;
}

void appendBlockPieces(Layout &layout, int64_t base, int64_t rows, int64_t cols,
                       int64_t rowStride, int64_t tile, Local local) {
  if (cols == rowStride) {
    layout.pieces.push_back(Piece{base, rows * cols, tile, local.buffer, local.offset});
    return;
  }
  for (int64_t r = 0; r < rows; ++r)
    layout.pieces.push_back(
        Piece{base + r * rowStride, cols, tile, local.buffer, local.offset + r * cols});
}

void sortPieces(Layout &layout) {
  llvm::sort(layout.pieces, [](const Piece &a, const Piece &b) { return a.begin < b.begin; });
}

bool isMatmulMappable(Operation *op) {
  auto mm = dyn_cast<df::MatmulOp>(op);
  if (!mm || mm.getTransposeLhs())
    return false;
  auto lhs = cast<ShapedType>(mm.getLhs().getType());
  auto rhs = cast<ShapedType>(mm.getRhs().getType());
  auto out = cast<ShapedType>(mm.getResult().getType());
  if (!lhs.getElementType().isF32() || !rhs.getElementType().isF32() || lhs.getRank() < 2 ||
      rhs.getRank() < 2 || out.getRank() != lhs.getRank())
    return false;
  // Batch dims: the lhs's are the output's; the rhs is shared (rank 2) or has the same.
  if (rhs.getRank() != 2 && (rhs.getRank() != lhs.getRank() ||
                             lhs.getShape().drop_back(2) != rhs.getShape().drop_back(2)))
    return false;
  return lhs.getShape().drop_back(2) == out.getShape().drop_back(2);
}

LogicalResult mapMatmulOp(KernelMapper &km, Operation *op) {
  auto mm = cast<df::MatmulOp>(op);
  auto lhsShape = cast<ShapedType>(mm.getLhs().getType()).getShape();
  auto rhsShape = cast<ShapedType>(mm.getRhs().getType()).getShape();
  bool transB = mm.getTransposeRhs();
  GemmShape s;
  s.m = lhsShape[lhsShape.size() - 2];
  s.k = lhsShape.back();
  s.n = transB ? rhsShape[rhsShape.size() - 2] : rhsShape.back();
  s.batch = 1;
  for (int64_t d : lhsShape.drop_back(2))
    s.batch *= d;
  bool rhsBatched = rhsShape.size() > 2;
  s.constantB = km.isConstant(mm.getRhs());
  s.batchedB = rhsBatched;
  GemmPlan plan = planGemm(km, s);
  if (!plan.tiles())
    return op->emitError("matmul ")
           << s.batch << "x" << s.m << "x" << s.k << "x" << s.n
           << " does not fit the IPU: no split over " << km.numTiles()
           << " tiles keeps a tile's share under " << km.layerBudgetWords() * 4
           << " bytes; use more tiles or IPUs (device option ipus=N)";

  km.beginLayer(op);
  km.notePlan(llvm::formatv("batch {0}, rows {1}, cols {2}, k {3} over {4} tiles; modelled "
                            "{5:F0} cycles",
                            plan.pb, plan.pm, plan.pn, plan.pk, plan.tiles(), plan.cycles)
                  .str());
  Buffer &aBuf = km.newBuffer("lhs"), &bBuf = km.newBuffer("rhs");
  Buffer &partBuf = km.newBuffer("partial"), &recvBuf = km.newBuffer("reduce_in");
  Buffer &outBuf = km.newBuffer("out");
  Value lhs = mm.getLhs(), rhs = mm.getRhs();
  int64_t T = km.numTiles();
  int64_t bPer = ceilDiv(s.batch, plan.pb), mPer = ceilDiv(s.m, plan.pm),
          nPer = ceilDiv(s.n, plan.pn), kPer = ceilDiv(s.k, plan.pk);
  auto tileOf = [&](int64_t bi, int64_t mi, int64_t ni, int64_t ki) {
    return km.tileAt(((bi * plan.pm + mi) * plan.pn + ni) * plan.pk + ki);
  };
  Layout layout;
  // Partial (or final) products, per block, per reduction index.
  struct Block {
    int64_t b0, bLen, m0, mLen, n0, nLen;
    SmallVector<std::pair<int64_t, Local>> partials; // (tile, words)
  };
  SmallVector<Block> blocks;
  // A constant B block [kLen x nLen] of batch b (stored [N x K] when transposed).
  auto bView = [&](int64_t b, int64_t n0, int64_t nLen, int64_t k0, int64_t kLen) {
    int64_t rb = rhsBatched ? b * s.k * s.n : 0;
    return transB ? makeView(km.ctx(), rb + n0 * s.k + k0, {{kLen, 1}, {nLen, s.k}})
                  : makeView(km.ctx(), rb + k0 * s.n + n0, {{kLen, s.n}, {nLen, 1}});
  };
  // Constant B blocks are stored once over the tiles that read them and broadcast.
  SharedConstants shared;
  Buffer &bInBuf = km.newBuffer("rhs_in");
  if (s.constantB) {
    for (int64_t bi = 0; bi < plan.pb; ++bi)
      for (int64_t mi = 0; mi < plan.pm; ++mi)
        for (int64_t ni = 0; ni < plan.pn; ++ni)
          for (int64_t ki = 0; ki < plan.pk; ++ki) {
            int64_t b0 = bi * bPer, bLen = std::min(bPer, s.batch - b0);
            int64_t n0 = ni * nPer, nLen = std::min(nPer, s.n - n0);
            int64_t k0 = ki * kPer, kLen = std::min(kPer, s.k - k0);
            if (bLen <= 0 || std::min(mPer, s.m - mi * mPer) <= 0 || nLen <= 0 || kLen <= 0)
              continue;
            for (int64_t bb = 0; bb < (rhsBatched ? bLen : 1); ++bb)
              shared.need(bView(b0 + bb, n0, nLen, k0, kLen), tileOf(bi, mi, ni, ki));
          }
    shared.resolve(km, rhs, bBuf, bInBuf);
  }
  for (int64_t bi = 0; bi < plan.pb; ++bi)
    for (int64_t mi = 0; mi < plan.pm; ++mi)
      for (int64_t ni = 0; ni < plan.pn; ++ni) {
        Block blk;
        blk.b0 = bi * bPer, blk.bLen = std::min(bPer, s.batch - blk.b0);
        blk.m0 = mi * mPer, blk.mLen = std::min(mPer, s.m - blk.m0);
        blk.n0 = ni * nPer, blk.nLen = std::min(nPer, s.n - blk.n0);
        if (blk.bLen <= 0 || blk.mLen <= 0 || blk.nLen <= 0)
          continue;
        for (int64_t ki = 0; ki < plan.pk; ++ki) {
          int64_t k0 = ki * kPer, kLen = std::min(kPer, s.k - k0);
          if (kLen <= 0)
            continue;
          int64_t tile = tileOf(bi, mi, ni, ki);
          Buffer &dst = plan.pk > 1 ? partBuf : outBuf;
          Local out = km.allocate(dst, tile, blk.bLen * blk.mLen * blk.nLen);
          Local sharedB; // the B block, shared by the tile's batches when B is not batched
          bool localTranspose = false;
          for (int64_t bb = 0; bb < blk.bLen; ++bb) {
            int64_t b = blk.b0 + bb;
            // A block [mLen x kLen]: one flat range when it spans whole rows.
            Local a;
            int64_t aBase = b * s.m * s.k + blk.m0 * s.k + k0;
            if (kLen == s.k) {
              a = km.fetch(lhs, aBase, blk.mLen * s.k, tile, aBuf);
            } else {
              a = km.allocate(aBuf, tile, blk.mLen * kLen);
              for (int64_t i = 0; i < blk.mLen; ++i)
                km.gatherInto(lhs, aBase + i * s.k, kLen, tile,
                              Local{a.buffer, a.offset + i * kLen});
            }
            // B block [kLen x nLen] (or stored transposed [nLen x kLen]).
            Local bl;
            int64_t rb = rhsBatched ? b * s.k * s.n : 0;
            // The B block: per batch when B is batched, else once per tile.
            if (rhsBatched || bb == 0) {
              if (s.constantB) {
                bl = shared.get(bView(b, blk.n0, blk.nLen, k0, kLen), tile);
              } else if (transB) {
                // Rows n of the stored [N x K] operand; the vertex reads them transposed.
                localTranspose = true;
                int64_t base = rb + blk.n0 * s.k + k0;
                if (kLen == s.k) {
                  bl = km.fetch(rhs, base, blk.nLen * s.k, tile, bBuf);
                } else {
                  bl = km.allocate(bBuf, tile, blk.nLen * kLen);
                  for (int64_t j = 0; j < blk.nLen; ++j)
                    km.gatherInto(rhs, base + j * s.k, kLen, tile,
                                  Local{bl.buffer, bl.offset + j * kLen});
                }
              } else {
                int64_t base = rb + k0 * s.n + blk.n0;
                if (blk.nLen == s.n) {
                  bl = km.fetch(rhs, base, kLen * s.n, tile, bBuf);
                } else {
                  bl = km.allocate(bBuf, tile, kLen * blk.nLen);
                  for (int64_t kk = 0; kk < kLen; ++kk)
                    km.gatherInto(rhs, base + kk * s.n, blk.nLen, tile,
                                  Local{bl.buffer, bl.offset + kk * blk.nLen});
                }
              }
              sharedB = bl;
            }
            VertexSpec v;
            v.codelet = Codelet::MatMul;
            v.tile = tile;
            v.out = Local{out.buffer, out.offset + bb * blk.mLen * blk.nLen};
            v.outLen = blk.mLen * blk.nLen;
            v.a = a;
            v.aLen = blk.mLen * kLen;
            v.bLen = kLen * blk.nLen;
            v.m = blk.mLen, v.k = kLen, v.n = blk.nLen;
            v.transposeB = localTranspose;
            v.b = sharedB;
            km.addVertex(v);
          }
          blk.partials.push_back({tile, out});
        }
        blocks.push_back(std::move(blk));
      }
  km.endStep("matmul");

  auto emitPieces = [&](const Block &blk, int64_t e0, int64_t len, int64_t tile, Local at) {
    // Block elements [e0, e0 + len) of the row-major [bLen x mLen x nLen] block.
    for (int64_t e = e0; e < e0 + len;) {
      int64_t row = e / blk.nLen, col = e % blk.nLen;
      int64_t bb = row / blk.mLen, i = row % blk.mLen;
      int64_t runLen = std::min(blk.nLen - col, e0 + len - e);
      int64_t flat = (blk.b0 + bb) * s.m * s.n + (blk.m0 + i) * s.n + blk.n0 + col;
      Local local{at.buffer, at.offset + (e - e0)};
      if (!layout.pieces.empty()) {
        Piece &p = layout.pieces.back();
        if (p.tile == tile && p.buffer == local.buffer && p.begin + p.len == flat &&
            p.offset + p.len == local.offset) {
          p.len += runLen;
          e += runLen;
          continue;
        }
      }
      layout.pieces.push_back(Piece{flat, runLen, tile, local.buffer, local.offset});
      e += runLen;
    }
  };

  if (plan.pk == 1) {
    for (const Block &blk : blocks)
      emitPieces(blk, 0, blk.bLen * blk.mLen * blk.nLen, blk.partials[0].first,
                 blk.partials[0].second);
  } else {
    // Reduction: tile q of a block receives chunk q of every partial and sums them.
    for (const Block &blk : blocks) {
      int64_t total = blk.bLen * blk.mLen * blk.nLen;
      int64_t parts = static_cast<int64_t>(blk.partials.size());
      int64_t chunk = ceilDiv(total, parts);
      for (int64_t q = 0; q < parts; ++q) {
        int64_t c0 = q * chunk, cLen = std::min(chunk, total - c0);
        if (cLen <= 0)
          continue;
        int64_t tile = blk.partials[q].first;
        Local recv = km.allocate(recvBuf, tile, parts * cLen);
        for (int64_t j = 0; j < parts; ++j) {
          auto [srcTile, src] = blk.partials[j];
          km.transfer(srcTile, Local{src.buffer, src.offset + c0}, cLen, tile,
                      Local{recv.buffer, recv.offset + j * cLen});
        }
        Local out = km.allocate(outBuf, tile, cLen);
        for (auto [wb, wl] : splitForWorkers(cLen, km.workers(), 32)) {
          VertexSpec v;
          v.codelet = Codelet::Sum;
          v.tile = tile;
          v.out = Local{out.buffer, out.offset + wb};
          v.outLen = wl;
          v.a = Local{recv.buffer, recv.offset + wb};
          v.aLen = (parts - 1) * cLen + wl;
          v.count = parts;
          v.n = cLen;
          km.addVertex(v);
        }
        emitPieces(blk, c0, cLen, tile, out);
      }
    }
    km.endStep("reduce");
  }
  km.advanceCursor(std::min<int64_t>(T, plan.tiles()));
  sortPieces(layout);
  km.setLayout(mm.getResult(), std::move(layout));
  return success();
}

} // namespace accel::tile::mapping
