//===- MovementMapping.cpp - Data movement as tensor views ----------------===//
//
// Reshape, slice (unit steps), concat, expand and a transpose that keeps the innermost
// dim move no data on the IPU: like Poplar's tensor views, the result's Layout points at
// the words its operands already occupy (a piece per contiguous run). The consumer's
// exchange then gathers what it needs from wherever the elements are. Expanded elements
// appear in several pieces of the same words (read-only, so that is safe).
//
//===----------------------------------------------------------------------===//
#include "Mappings.h"

#include "accel/Dialect/Dataflow/IR/Dataflow.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
namespace df = accel::dataflow;

namespace accel::tile::mapping {

namespace {

ArrayRef<int64_t> shapeOf(Value v) { return cast<ShapedType>(v.getType()).getShape(); }

/// Appends pieces for output elements [outBegin, outBegin + len) that are elements
/// [inBegin, inBegin + len) of `input`.
void appendRun(Layout &out, const Layout &in, int64_t outBegin, int64_t inBegin, int64_t len) {
  for (size_t i = in.firstOverlapping(inBegin);
       i < in.pieces.size() && in.pieces[i].begin < inBegin + len; ++i) {
    const Piece &p = in.pieces[i];
    int64_t lo = std::max(inBegin, p.begin), hi = std::min(inBegin + len, p.begin + p.len);
    Piece q{outBegin + (lo - inBegin), hi - lo, p.tile, p.buffer, p.offset + (lo - p.begin)};
    if (!out.pieces.empty()) {
      Piece &last = out.pieces.back();
      if (last.tile == q.tile && last.buffer == q.buffer && last.begin + last.len == q.begin &&
          last.offset + last.len == q.offset) {
        last.len += q.len;
        continue;
      }
    }
    out.pieces.push_back(q);
  }
}

/// The input flat index of output element `o` for a view given per output dim by the
/// input dim it reads (-1: broadcast), the input offset along it and the input strides.
struct ViewMap {
  SmallVector<int64_t> outShape, inDim, inOffset, inStrides;
  int64_t inputIndex(int64_t o) const {
    int64_t idx = 0;
    for (int64_t d = static_cast<int64_t>(outShape.size()) - 1; d >= 0; --d) {
      int64_t e = o % outShape[d];
      o /= outShape[d];
      if (inDim[d] >= 0)
        idx += (e + inOffset[d]) * inStrides[inDim[d]];
    }
    return idx;
  }
};

/// Elements of a contiguous output run in which the input index also runs contiguously.
int64_t contiguousRun(const ViewMap &m, ArrayRef<int64_t> inShape) {
  int64_t run = 1;
  int64_t expectStride = 1;
  for (int64_t d = static_cast<int64_t>(m.outShape.size()) - 1; d >= 0; --d) {
    if (m.outShape[d] == 1)
      continue;
    if (m.inDim[d] < 0 || m.inStrides[m.inDim[d]] != expectStride)
      break;
    run *= m.outShape[d];
    // Only a dim read whole lets the run continue into the next dim out.
    if (m.outShape[d] != inShape[m.inDim[d]])
      break;
    expectStride *= m.outShape[d];
  }
  return run;
}

Layout viewLayout(const Layout &in, ArrayRef<int64_t> inShape, const ViewMap &m) {
  int64_t n = 1;
  for (int64_t d : m.outShape)
    n *= d;
  int64_t run = contiguousRun(m, inShape);
  Layout out;
  for (int64_t o = 0; o < n; o += run)
    appendRun(out, in, o, m.inputIndex(o), run);
  return out;
}

ViewMap identityMap(ArrayRef<int64_t> inShape) {
  ViewMap m;
  m.outShape.assign(inShape.begin(), inShape.end());
  m.inStrides = stridesOf(inShape);
  for (size_t d = 0; d < inShape.size(); ++d) {
    m.inDim.push_back(static_cast<int64_t>(d));
    m.inOffset.push_back(0);
  }
  return m;
}

/// A transpose that, once size-1 dims are dropped and dims that stay together are
/// merged, swaps the last two dims: [B, R, C] -> [B, C, R].
struct BatchedSwap {
  int64_t b = 1, r = 1, c = 1;
};

std::optional<BatchedSwap> asBatchedSwap(ArrayRef<int64_t> shape, ArrayRef<int64_t> perm) {
  SmallVector<int64_t> newIndex(shape.size(), -1), kept;
  for (size_t d = 0; d < shape.size(); ++d)
    if (shape[d] != 1) {
      newIndex[d] = static_cast<int64_t>(kept.size());
      kept.push_back(shape[d]);
    }
  SmallVector<int64_t> p;
  for (int64_t d : perm)
    if (shape[d] != 1)
      p.push_back(newIndex[d]);
  // Groups of output dims that read consecutive input dims: (first input dim, length).
  SmallVector<std::pair<int64_t, int64_t>> groups;
  for (int64_t d : p) {
    if (!groups.empty() && groups.back().first + groups.back().second == d)
      ++groups.back().second;
    else
      groups.push_back({d, 1});
  }
  if (groups.size() < 2)
    return std::nullopt;
  // In input order the groups must be ..., last, second-to-last: all but the last two in
  // place, the last two swapped.
  size_t n = groups.size();
  for (size_t i = 0; i + 2 < n; ++i)
    if (i > 0 && groups[i].first < groups[i - 1].first)
      return std::nullopt;
  auto size = [&](std::pair<int64_t, int64_t> g) {
    int64_t s = 1;
    for (int64_t d = g.first; d < g.first + g.second; ++d)
      s *= kept[d];
    return s;
  };
  const auto &last = groups[n - 1], &prev = groups[n - 2];
  // The output's last group must be the input dims just before the second-to-last one,
  // which must end the input.
  if (prev.first + prev.second != static_cast<int64_t>(kept.size()) ||
      last.first + last.second != prev.first)
    return std::nullopt;
  for (size_t i = 0; i + 2 < n; ++i) {
    int64_t expected = i == 0 ? 0 : groups[i - 1].first + groups[i - 1].second;
    if (groups[i].first != expected)
      return std::nullopt;
  }
  BatchedSwap s;
  for (size_t i = 0; i + 2 < n; ++i)
    s.b *= size(groups[i]);
  s.r = size(last);
  s.c = size(prev);
  return s;
}

/// [B, R, C] -> [B, C, R] with transpose vertices: each tile takes a block of output rows
/// (input columns [c0, c0 + cl)) and output columns (input rows [r0, r0 + rl)) of one
/// batch, gathers the [rl x cl] input block (one run per input row) and transposes it, one
/// vertex per worker's share of the columns.
Layout mapBatchedSwap(KernelMapper &km, Operation *op, Value input, BatchedSwap s) {
  km.beginLayer(op);
  Buffer &in = km.newBuffer("block"), &out = km.newBuffer("out");
  int64_t T = km.numTiles();
  // At least 16 columns per block keeps the gather's runs long enough to be worth a
  // transfer each; the rows are split so that the blocks cover the tiles.
  int64_t cl0 = std::max(std::min<int64_t>(s.c, 16), (s.b * s.c + T - 1) / T);
  int64_t cBlocks = (s.c + cl0 - 1) / cl0;
  int64_t rBlocks = std::max<int64_t>(1, std::min(s.r, T / std::max<int64_t>(1, s.b * cBlocks)));
  int64_t rl0 = (s.r + rBlocks - 1) / rBlocks;
  Layout layout;
  int64_t used = 0;
  for (int64_t b = 0; b < s.b; ++b)
    for (int64_t ci = 0; ci < cBlocks; ++ci)
      for (int64_t r0 = 0; r0 < s.r; r0 += rl0, ++used) {
        int64_t c0 = ci * cl0, cl = std::min(cl0, s.c - c0), rl = std::min(rl0, s.r - r0);
        int64_t t = km.tileAt(used);
        Local o = km.allocate(out, t, cl * rl);
        int64_t workers = std::max<int64_t>(1, std::min(km.workers(), cl / 8));
        int64_t per = (cl + workers - 1) / workers;
        for (int64_t w0 = 0; w0 < cl; w0 += per) {
          int64_t wl = std::min(per, cl - w0);
          Local a = km.allocate(in, t, rl * wl);
          for (int64_t r = 0; r < rl; ++r)
            km.gatherInto(input, (b * s.r + r0 + r) * s.c + c0 + w0, wl, t,
                          Local{a.buffer, a.offset + r * wl});
          VertexSpec v;
          v.codelet = Codelet::Transpose;
          v.tile = t;
          v.out = Local{o.buffer, o.offset + w0 * rl};
          v.outLen = wl * rl;
          v.a = a;
          v.aLen = rl * wl;
          v.m = rl, v.n = wl, v.count = 1;
          km.addVertex(v);
        }
        // Output row c (of this block) holds input column c: rl elements from r0.
        for (int64_t c = 0; c < cl; ++c)
          layout.pieces.push_back(
              Piece{(b * s.c + c0 + c) * s.r + r0, rl, t, o.buffer, o.offset + c * rl});
      }
  km.endStep("transpose");
  km.advanceCursor(std::min(T, used));
  sortPieces(layout);
  // Merge pieces that continue each other on the same words (whole rows per tile).
  Layout merged;
  for (const Piece &p : layout.pieces) {
    if (!merged.pieces.empty()) {
      Piece &q = merged.pieces.back();
      if (q.tile == p.tile && q.buffer == p.buffer && q.begin + q.len == p.begin &&
          q.offset + q.len == p.offset) {
        q.len += p.len;
        continue;
      }
    }
    merged.pieces.push_back(p);
  }
  return merged;
}

/// Whether `op`'s operand `i` comes, at the launch, from a dense literal (partition time:
/// the op is still in the entry function) or is a constant kernel argument.
bool isDenseLiteral(Value v) {
  if (auto c = v.getDefiningOp<df::ConstantOp>())
    return isa<DenseElementsAttr>(c.getValue());
  return false;
}

} // namespace

bool isMovementMappable(Operation *op) {
  // Device segments hold f32 tensors only (the runtime rejects others at the boundary):
  // integer index tensors are reshaped and sliced on the host.
  auto f32 = [](Type t) { return cast<ShapedType>(t).getElementType().isF32(); };
  if (!llvm::all_of(op->getOperandTypes(), f32) || !llvm::all_of(op->getResultTypes(), f32))
    return false;
  if (isa<df::ReshapeOp>(op))
    return true;
  if (auto t = dyn_cast<df::TransposeOp>(op)) {
    ArrayRef<int64_t> perm = t.getPerm();
    // A transpose that moves the innermost dim needs a transpose vertex: not mapped yet.
    auto shape = shapeOf(t.getInput());
    int64_t last = static_cast<int64_t>(perm.size()) - 1;
    return perm.empty() || perm[last] == last || shape[perm[last]] == 1 ||
           asBatchedSwap(shape, perm).has_value();
  }
  if (auto g = dyn_cast<df::GatherOp>(op)) {
    // Constant indices select whole slices: a view. (Inside a kernel the indices are a
    // constant argument; in the entry function, a dense literal.)
    Value idx = g.getIndices();
    auto arg = dyn_cast<BlockArgument>(idx);
    bool literal = isDenseLiteral(idx) ||
                   (arg && isa<KernelOp>(arg.getOwner()->getParentOp()));
    return literal && cast<ShapedType>(g.getInput().getType()).getElementType().isF32();
  }
  if (auto s = dyn_cast<df::SliceOp>(op))
    return llvm::all_of(s.getSteps(), [](int64_t st) { return st == 1; });
  if (isa<df::ConcatOp>(op))
    return true;
  if (auto e = dyn_cast<df::ExpandOp>(op))
    return shapeOf(e.getInput()).size() <= shapeOf(e.getResult()).size();
  return false;
}

LogicalResult mapMovementOp(KernelMapper &km, Operation *op) {
  // A constant viewed together with activations (a class token concatenated to patch
  // embeddings) is laid out on the tiles once, resident like a weight.
  if (!isa<df::GatherOp>(op))
    for (Value v : op->getOperands())
      km.materialize(v);
  Value result = op->getResult(0);
  auto outShape = shapeOf(result);
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](df::ReshapeOp r) {
        km.setLayout(result, km.materialize(r.getInput()));
        return success();
      })
      .Case([&](df::TransposeOp t) {
        auto inShape = shapeOf(t.getInput());
        ArrayRef<int64_t> perm = t.getPerm();
        int64_t last = static_cast<int64_t>(perm.size()) - 1;
        if (!perm.empty() && perm[last] != last && inShape[perm[last]] != 1) {
          // The innermost dim moves: transpose vertices.
          km.setLayout(result, mapBatchedSwap(km, op, t.getInput(),
                                              *asBatchedSwap(inShape, perm)));
          return success();
        }
        ViewMap m;
        m.outShape.assign(outShape.begin(), outShape.end());
        m.inStrides = stridesOf(inShape);
        for (int64_t p : t.getPerm()) {
          m.inDim.push_back(p);
          m.inOffset.push_back(0);
        }
        km.setLayout(result, viewLayout(km.materialize(t.getInput()), inShape, m));
        return success();
      })
      .Case([&](df::SliceOp s) {
        auto inShape = shapeOf(s.getInput());
        ViewMap m = identityMap(inShape);
        m.outShape.assign(outShape.begin(), outShape.end());
        for (auto [d, start] : llvm::enumerate(s.getStarts()))
          m.inOffset[d] = start;
        km.setLayout(result, viewLayout(km.materialize(s.getInput()), inShape, m));
        return success();
      })
      .Case([&](df::GatherOp g) -> LogicalResult {
        DenseElementsAttr idx = km.constantValue(g.getIndices());
        if (!idx)
          return op->emitError("gather with indices computed on the device is not mapped "
                               "onto the IPU; the partition should have left it on the host");
        auto inShape = shapeOf(g.getInput());
        int64_t rank = static_cast<int64_t>(inShape.size());
        int64_t axis = g.getAxis() < 0 ? g.getAxis() + rank : g.getAxis();
        int64_t outer = 1, inner = 1, dim = inShape[axis];
        for (int64_t d = 0; d < axis; ++d)
          outer *= inShape[d];
        for (int64_t d = axis + 1; d < rank; ++d)
          inner *= inShape[d];
        SmallVector<int64_t> indices;
        for (APInt v : idx.getValues<APInt>()) {
          int64_t i = v.getSExtValue();
          if (i < 0)
            i += dim;
          if (i < 0 || i >= dim)
            return op->emitError("gather index ") << v.getSExtValue() << " is out of range for "
                                                  << "a dim of " << dim;
          indices.push_back(i);
        }
        const Layout &in = km.materialize(g.getInput());
        Layout layout;
        int64_t j = static_cast<int64_t>(indices.size());
        for (int64_t o = 0; o < outer; ++o)
          for (int64_t k = 0; k < j; ++k)
            appendRun(layout, in, (o * j + k) * inner, (o * dim + indices[k]) * inner, inner);
        km.setLayout(result, std::move(layout));
        return success();
      })
      .Case([&](df::ExpandOp e) {
        auto inShape = shapeOf(e.getInput());
        ViewMap m;
        m.outShape.assign(outShape.begin(), outShape.end());
        m.inStrides = stridesOf(inShape);
        int64_t lead = static_cast<int64_t>(outShape.size() - inShape.size());
        for (int64_t d = 0; d < static_cast<int64_t>(outShape.size()); ++d) {
          int64_t id = d - lead;
          m.inDim.push_back(id >= 0 && inShape[id] == outShape[d] ? id : -1);
          m.inOffset.push_back(0);
        }
        km.setLayout(result, viewLayout(km.materialize(e.getInput()), inShape, m));
        return success();
      })
      .Case([&](df::ConcatOp c) {
        int64_t axis = c.getAxis();
        int64_t rank = static_cast<int64_t>(outShape.size());
        if (axis < 0)
          axis += rank;
        int64_t outer = 1;
        for (int64_t d = 0; d < axis; ++d)
          outer *= outShape[d];
        Layout layout;
        int64_t outBlock = 1;
        for (int64_t d = axis; d < rank; ++d)
          outBlock *= outShape[d];
        for (int64_t o = 0; o < outer; ++o) {
          int64_t at = o * outBlock;
          for (Value in : c.getInputs()) {
            int64_t block = 1;
            for (int64_t d = axis; d < rank; ++d)
              block *= shapeOf(in)[d];
            appendRun(layout, km.materialize(in), at, o * block, block);
            at += block;
          }
        }
        km.setLayout(result, std::move(layout));
        return success();
      })
      .Default([&](Operation *) {
        return op->emitError("not a data movement op the IPU maps");
      });
}

} // namespace accel::tile::mapping
