//===- ConvMapping.cpp - Convolution and pooling on tiles -----------------===//
//
// A 2-D convolution [N, C, H, W] * [CO, C/G, KH, KW] is split over tiles in batch (pn),
// output channels (pco; whole groups when G > 1), output rows (poh) and input channels
// (pci, G = 1 only), the splits poplibs' convolution planner considers (DESIGN.md 4;
// poplibs also splits the width and the kernel, which we do not). Each tile receives the
// input slab its output rows need (rows with their halo, for its input channels) and
// runs one `conv` vertex per image and group on the AMP; weights are laid out by
// tile.init; the bias is added in place in a second compute set, one vertex per run of
// a channel (poplibs' addToChannel). A split of the input channels leaves partial sums that the tiles of
// a block reduce as the matmul does (1/pci of the block each). The cheapest split by
// modelled cycles whose working set fits the layer budget wins.
//
// Pooling uses the same slabs with a worker `max_pool` / `avg_pool` vertex and no
// weights.
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

/// The geometry of a 2-D window op (conv or pool) in NCHW.
struct Geometry {
  int64_t n, c, h, w, co, oh, ow, kh, kw, sh, sw, dh, dw, padTop, padLeft;
  int64_t groups = 1;
  bool pool = false;
  int64_t cPerGroup() const { return pool ? 1 : c / groups; }
  int64_t coPerGroup() const { return pool ? 1 : co / groups; }
  /// Input rows [r0, r1) output rows [oy0, oy1) read (clamped to the image).
  std::pair<int64_t, int64_t> rows(int64_t oy0, int64_t oy1) const {
    int64_t r0 = oy0 * sh - padTop, r1 = (oy1 - 1) * sh - padTop + (kh - 1) * dh + 1;
    return {std::max<int64_t>(0, r0), std::min(h, r1)};
  }
};

struct WindowPlan {
  int64_t pn = 0, pco = 0, poh = 0, pci = 0;
  double cycles = 0;
  int64_t tiles() const { return pn * pco * poh * pci; }
};

/// Channel units the output-channel split divides: output channels (G = 1), groups
/// (grouped conv) or channels (pooling).
int64_t coUnits(const Geometry &g) { return g.pool ? g.c : (g.groups == 1 ? g.co : g.groups); }
int64_t coPerUnit(const Geometry &g) { return g.pool || g.groups == 1 ? 1 : g.coPerGroup(); }

WindowPlan planWindow(const KernelMapper &km, const Geometry &g) {
  const CostModel &c = km.costs();
  int64_t T = km.numTiles(), budget = km.layerBudgetWords();
  WindowPlan best;
  double bestCost = -1;
  bool splitCi = !g.pool && g.groups == 1;
  for (int64_t pn : splitCandidates(g.n, T))
    for (int64_t pco : splitCandidates(coUnits(g), T / pn))
      for (int64_t poh : splitCandidates(g.oh, T / (pn * pco)))
        for (int64_t pci : splitCi ? splitCandidates(g.c, T / (pn * pco * poh))
                                   : SmallVector<int64_t>{1}) {
          int64_t n = ceilDiv(g.n, pn), units = ceilDiv(coUnits(g), pco),
                  oh = ceilDiv(g.oh, poh), ci = splitCi ? ceilDiv(g.c, pci) : 0;
          int64_t co = units * coPerUnit(g);
          int64_t inCh = g.pool ? units : (g.groups == 1 ? ci : units * g.cPerGroup());
          auto [r0, r1] = g.rows(0, oh);
          int64_t slab = n * inCh * (r1 - r0) * g.w;
          int64_t outWords = n * co * oh * g.ow;
          int64_t weights = g.pool ? 0 : co * (g.groups == 1 ? ci : g.cPerGroup()) * g.kh * g.kw;
          // Weights are stored once over the R tiles that share a block and broadcast
          // to them: each receives the whole block and keeps 1/R of it resident.
          int64_t replicas = pn * poh;
          int64_t words = slab + (replicas > 1 ? weights + ceilDiv(weights, replicas) : weights) +
                          outWords + (pci > 1 ? outWords : 0);
          if (words > budget)
            continue;
          double macs = double(n) * co * oh * g.ow * (g.pool ? 1 : (g.groups == 1 ? ci : g.cPerGroup())) *
                        g.kh * g.kw;
          double compute =
              g.pool ? c.vertexOverheadCycles + macs * c.workerCyclesPerElement / km.workers() * km.workers()
                     : double(n) * (g.groups == 1 ? 1 : units) * c.ampOverheadCycles +
                           macs / c.ampMacsPerCycle + double(n) * co * oh * g.kh;
          double cost = compute +
                        c.exchangeCycles(double(slab) + (replicas > 1 ? double(weights) : 0)) +
                        c.stepCycles();
          if (pci > 1) {
            double chunk = double(ceilDiv(outWords, pci));
            cost += c.stepCycles() + c.exchangeCycles(chunk * pci) + c.vertexOverheadCycles +
                    chunk * pci * c.workerCyclesPerElement;
          }
          int64_t tiles = pn * pco * poh * pci;
          if (bestCost < 0 || cost < bestCost - 1e-9 ||
              (std::abs(cost - bestCost) <= 1e-9 && tiles < best.tiles())) {
            bestCost = cost;
            best = WindowPlan{pn, pco, poh, pci, cost};
          }
        }
  return best;
}

Geometry geometryOf(Operation *op) {
  Geometry g;
  Value input = op->getOperand(0);
  auto in = cast<ShapedType>(input.getType()).getShape();
  auto out = cast<ShapedType>(op->getResult(0).getType()).getShape();
  g.n = in[0], g.c = in[1], g.h = in[2], g.w = in[3];
  g.co = out[1], g.oh = out[2], g.ow = out[3];
  ArrayRef<int64_t> strides, dilations, pads;
  if (auto conv = dyn_cast<df::ConvOp>(op)) {
    auto wshape = cast<ShapedType>(conv.getWeight().getType()).getShape();
    g.kh = wshape[2], g.kw = wshape[3];
    strides = conv.getStrides(), dilations = conv.getDilations(), pads = conv.getPads();
    g.groups = conv.getGroups();
  } else {
    auto pool = cast<df::PoolOp>(op);
    g.pool = true;
    g.kh = pool.getKernelShape()[0], g.kw = pool.getKernelShape()[1];
    strides = pool.getStrides(), dilations = pool.getDilations(), pads = pool.getPads();
  }
  g.sh = strides.size() > 0 ? strides[0] : 1;
  g.sw = strides.size() > 1 ? strides[1] : 1;
  g.dh = dilations.size() > 0 ? dilations[0] : 1;
  g.dw = dilations.size() > 1 ? dilations[1] : 1;
  g.padTop = pads.size() > 0 ? pads[0] : 0;
  g.padLeft = pads.size() > 1 ? pads[1] : 0;
  return g;
}

bool isRank4F32(Operation *op) {
  for (Value v : op->getOperands())
    if (!cast<ShapedType>(v.getType()).getElementType().isF32())
      return false;
  return cast<ShapedType>(op->getOperand(0).getType()).getRank() == 4 &&
         cast<ShapedType>(op->getResult(0).getType()).getRank() == 4;
}

/// Words of the smallest block the planner can give a tile: one image, one output row,
/// one channel unit, one input channel when those are split (planWindow's count, without
/// the weights' broadcast copy). The mapping splits neither the width nor the window, so
/// when even this block does not fit, no number of tiles helps.
int64_t smallestBlockWords(const Geometry &g) {
  bool splitCi = !g.pool && g.groups == 1;
  int64_t co = coPerUnit(g);
  int64_t inCh = g.pool || splitCi ? 1 : g.cPerGroup();
  int64_t windowRows = std::min(g.h, (g.kh - 1) * g.dh + 1);
  int64_t slab = inCh * windowRows * g.w;
  int64_t out = co * g.ow;
  int64_t weights = g.pool ? 0 : co * inCh * g.kh * g.kw;
  return slab + weights + out + (splitCi && g.c > 1 ? out : 0);
}

} // namespace

bool isConvMappable(Operation *op) {
  bool shaped = false;
  if (auto conv = dyn_cast<df::ConvOp>(op))
    shaped = isRank4F32(op) && conv.getStrides().size() == 2 && conv.getPads().size() == 4;
  else if (auto pool = dyn_cast<df::PoolOp>(op))
    shaped = isRank4F32(op) && pool.getKernelShape().size() == 2 && pool.getPads().size() == 4;
  if (!shaped)
    return false;
  // A window op whose smallest block does not fit a tile (a 1000-wide image pooled with a
  // dilated 60x80 window) needs a split of the width the mapping lacks: host.
  std::optional<int64_t> budget = layerBudgetWordsFor(op);
  return !budget || smallestBlockWords(geometryOf(op)) <= *budget;
}

LogicalResult mapConvOp(KernelMapper &km, Operation *op) {
  Geometry g = geometryOf(op);
  auto conv = dyn_cast<df::ConvOp>(op);
  // Constant weights are laid out by tile.init; weights that are kernel inputs or computed
  // on the device are gathered onto each tile by the conv's exchange.
  bool constantWeights = conv && km.isConstant(conv.getWeight());
  WindowPlan plan = planWindow(km, g);
  if (!plan.tiles())
    return op->emitError(g.pool ? "pooling" : "convolution")
           << " [" << g.n << "x" << g.c << "x" << g.h << "x" << g.w << "] -> [" << g.co << "x"
           << g.oh << "x" << g.ow << "] does not fit the IPU: no split over " << km.numTiles()
           << " tiles keeps a tile's share under " << km.layerBudgetWords() * 4
           << " bytes; use more tiles or IPUs (device option ipus=N)";

  km.beginLayer(op);
  km.notePlan(llvm::formatv("batch {0}, {1} {2}, rows {3}, in-channels {4} over {5} tiles; "
                            "modelled {6:F0} cycles",
                            plan.pn, g.pool || g.groups == 1 ? "out-channels" : "groups",
                            plan.pco, plan.poh, plan.pci, plan.tiles(), plan.cycles)
                  .str());
  Buffer &slabBuf = km.newBuffer("slab"), &wBuf = km.newBuffer("weights");
  Buffer &partBuf = km.newBuffer("partial"), &recvBuf = km.newBuffer("reduce_in");
  Buffer &outBuf = km.newBuffer("out");
  Value input = op->getOperand(0);
  Builder builder(km.ctx());
  int64_t T = km.numTiles();
  int64_t nPer = ceilDiv(g.n, plan.pn), uPer = ceilDiv(coUnits(g), plan.pco),
          ohPer = ceilDiv(g.oh, plan.poh), ciPer = ceilDiv(g.c, plan.pci);
  int64_t khkw = g.kh * g.kw;
  struct Block {
    int64_t n0, nLen, co0, coLen, oy0, ohLen;
    SmallVector<std::pair<int64_t, Local>> partials;
  };
  SmallVector<Block> blocks;
  // The weight block of output channels [co0, co0 + coLen) and input channels
  // [ci0, ci0 + ciLen): [coLen x ciLen x kh x kw] (G = 1) or the groups' weights.
  auto weightView = [&](int64_t co0, int64_t coLen, int64_t ci0, int64_t ciLen) {
    int64_t cg = g.cPerGroup();
    return g.groups == 1 ? makeView(km.ctx(), co0 * cg * khkw + ci0 * khkw,
                                    {{coLen, cg * khkw}, {ciLen * khkw, 1}})
                         : makeView(km.ctx(), co0 * cg * khkw, {{coLen * cg * khkw, 1}});
  };
  // Every weight block is stored once, spread over the tiles that read it (those of the
  // other images and output rows), and broadcast to them in the conv's exchange.
  SharedConstants shared;
  Buffer &wInBuf = km.newBuffer("weights_in");
  if (constantWeights) {
    for (int64_t ni = 0; ni < plan.pn; ++ni)
      for (int64_t ui = 0; ui < plan.pco; ++ui)
        for (int64_t oi = 0; oi < plan.poh; ++oi)
          for (int64_t ki = 0; ki < plan.pci; ++ki) {
            int64_t u0 = ui * uPer, uLen = std::min(uPer, coUnits(g) - u0);
            int64_t ci0 = ki * ciPer, ciLen = std::min(ciPer, g.c - ci0);
            if (std::min(nPer, g.n - ni * nPer) <= 0 || uLen <= 0 ||
                std::min(ohPer, g.oh - oi * ohPer) <= 0 || ciLen <= 0)
              continue;
            int64_t tile =
                km.tileAt(((ni * plan.pco + ui) * plan.poh + oi) * plan.pci + ki);
            shared.need(weightView(u0 * coPerUnit(g), uLen * coPerUnit(g), ci0, ciLen), tile);
          }
    shared.resolve(km, conv.getWeight(), wBuf, wInBuf);
  }
  for (int64_t ni = 0; ni < plan.pn; ++ni)
    for (int64_t ui = 0; ui < plan.pco; ++ui)
      for (int64_t oi = 0; oi < plan.poh; ++oi) {
        Block blk;
        blk.n0 = ni * nPer, blk.nLen = std::min(nPer, g.n - blk.n0);
        int64_t u0 = ui * uPer, uLen = std::min(uPer, coUnits(g) - u0);
        blk.co0 = u0 * coPerUnit(g), blk.coLen = uLen * coPerUnit(g);
        blk.oy0 = oi * ohPer, blk.ohLen = std::min(ohPer, g.oh - blk.oy0);
        if (blk.nLen <= 0 || uLen <= 0 || blk.ohLen <= 0)
          continue;
        auto [r0, r1] = g.rows(blk.oy0, blk.oy0 + blk.ohLen);
        int64_t rows = r1 - r0;
        int64_t padTop = r0 + g.padTop - blk.oy0 * g.sh;
        for (int64_t ki = 0; ki < plan.pci; ++ki) {
          int64_t ci0 = ki * ciPer, ciLen = std::min(ciPer, g.c - ci0);
          if (ciLen <= 0)
            continue;
          int64_t tile =
              km.tileAt(((ni * plan.pco + ui) * plan.poh + oi) * plan.pci + ki);
          int64_t outLen = blk.nLen * blk.coLen * blk.ohLen * g.ow;
          Local out = km.allocate(plan.pci > 1 ? partBuf : outBuf, tile, outLen);
          // Input channels this tile reads: its ci range (G = 1), its groups' channels
          // (grouped conv) or its channels (pooling).
          int64_t inC0 = g.pool ? blk.co0 : (g.groups == 1 ? ci0 : u0 * g.cPerGroup());
          int64_t inCLen = g.pool ? blk.coLen : (g.groups == 1 ? ciLen : uLen * g.cPerGroup());
          Local weights;
          if (constantWeights) {
            weights = shared.get(weightView(blk.co0, blk.coLen, ci0, ciLen), tile);
          } else if (conv) {
            // The block [coLen x ciLen*kh*kw]: one run when it holds every input
            // channel (or the groups' weights whole), else one per output channel.
            int64_t cg = g.cPerGroup();
            if (g.groups == 1 && ciLen != cg) {
              weights = km.allocate(wInBuf, tile, blk.coLen * ciLen * khkw);
              for (int64_t co = 0; co < blk.coLen; ++co)
                km.gatherInto(conv.getWeight(), (blk.co0 + co) * cg * khkw + ci0 * khkw,
                              ciLen * khkw, tile,
                              Local{weights.buffer, weights.offset + co * ciLen * khkw});
            } else {
              weights = km.fetch(conv.getWeight(), blk.co0 * cg * khkw,
                                 blk.coLen * cg * khkw, tile, wInBuf);
            }
          }
          for (int64_t nn = 0; nn < blk.nLen; ++nn) {
            int64_t n = blk.n0 + nn;
            // The slab [inCLen x rows x W].
            Local slab;
            int64_t base = (n * g.c + inC0) * g.h * g.w + r0 * g.w;
            if (rows == g.h)
              slab = km.fetch(input, base, inCLen * g.h * g.w, tile, slabBuf);
            else {
              slab = km.allocate(slabBuf, tile, inCLen * rows * g.w);
              for (int64_t ci = 0; ci < inCLen; ++ci)
                km.gatherInto(input, base + ci * g.h * g.w, rows * g.w, tile,
                              Local{slab.buffer, slab.offset + ci * rows * g.w});
            }
            Local outN{out.buffer, out.offset + nn * blk.coLen * blk.ohLen * g.ow};
            // One vertex per group (G > 1) or one for the block; pooling splits its
            // channels over the workers.
            int64_t vertices = g.pool ? std::min<int64_t>(km.workers(), blk.coLen)
                                      : (g.groups == 1 ? 1 : uLen);
            int64_t chPer = ceilDiv(g.pool ? blk.coLen : uLen, vertices);
            for (int64_t vi = 0; vi * chPer < (g.pool ? blk.coLen : uLen); ++vi) {
              int64_t u = vi * chPer;
              int64_t uN = std::min(chPer, (g.pool ? blk.coLen : uLen) - u);
              VertexSpec v;
              v.tile = tile;
              WindowGeom w;
              w.h = rows, w.w = g.w, w.oh = blk.ohLen, w.ow = g.ow, w.kh = g.kh, w.kw = g.kw;
              w.sh = g.sh, w.sw = g.sw, w.dh = g.dh, w.dw = g.dw, w.ph = padTop,
              w.pw = g.padLeft;
              int64_t coOff, cIn, cOut, inOff;
              if (g.pool) {
                cIn = cOut = uN, coOff = u, inOff = u;
              } else if (g.groups == 1) {
                cIn = ciLen, cOut = blk.coLen, coOff = 0, inOff = 0;
              } else {
                cIn = uN * g.cPerGroup(), cOut = uN * g.coPerGroup(), coOff = u * g.coPerGroup();
                inOff = u * g.cPerGroup();
                cIn = g.cPerGroup(), cOut = g.coPerGroup();
              }
              w.c = cIn, w.cout = cOut;
              v.window = w;
              v.out = Local{outN.buffer, outN.offset + coOff * blk.ohLen * g.ow};
              v.outLen = cOut * blk.ohLen * g.ow;
              v.a = Local{slab.buffer, slab.offset + inOff * rows * g.w};
              v.aLen = cIn * rows * g.w;
              if (g.pool) {
                auto pool = cast<df::PoolOp>(op);
                v.codelet = pool.getKind() == df::PoolKind::Max ? Codelet::MaxPool
                                                                : Codelet::AvgPool;
                v.countPad = pool.getCountIncludePad();
              } else {
                v.codelet = Codelet::Conv;
                v.b = Local{weights.buffer, weights.offset + coOff * cIn * khkw};
                v.bLen = cOut * cIn * khkw;
              }
              km.addVertex(v);
            }
          }
          blk.partials.push_back({tile, out});
        }
        blocks.push_back(std::move(blk));
      }
  km.endStep(g.pool ? "pool" : "conv");

  Layout layout;
  int64_t plane = g.oh * g.ow;
  auto emitPieces = [&](const Block &blk, int64_t e0, int64_t len, int64_t tile, Local at) {
    // Block elements [e0, e0 + len) of the [nLen x coLen x ohLen x OW] block.
    int64_t rowLen = blk.ohLen * g.ow;
    for (int64_t e = e0; e < e0 + len;) {
      int64_t row = e / rowLen, col = e % rowLen;
      int64_t nn = row / blk.coLen, co = row % blk.coLen;
      int64_t runLen = std::min(rowLen - col, e0 + len - e);
      int64_t flat = ((blk.n0 + nn) * g.co + blk.co0 + co) * plane + blk.oy0 * g.ow + col;
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
  if (plan.pci == 1) {
    for (const Block &blk : blocks)
      emitPieces(blk, 0, blk.nLen * blk.coLen * blk.ohLen * g.ow, blk.partials[0].first,
                 blk.partials[0].second);
  } else {
    for (const Block &blk : blocks) {
      int64_t total = blk.nLen * blk.coLen * blk.ohLen * g.ow;
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
  if (conv && conv.getBias())
    addChannelBias(km, layout, g.co, plane, conv.getBias(), wBuf);
  km.setLayout(op->getResult(0), std::move(layout));
  return success();
}

} // namespace accel::tile::mapping
