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
    return perm.empty() || perm[last] == last || shape[perm[last]] == 1;
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
  // A view's operands need words on the tiles. A constant operand (ViT's class token
  // concatenated with the patch embeddings) gets them here: laid out linearly from the
  // next tile and written by tile.init, loaded with the program like the weights.
  for (Value v : op->getOperands()) {
    if (km.layout(v))
      continue;
    if (!km.isConstant(v))
      return op->emitError("operand of a data movement op has no layout on the tiles");
    Buffer &buffer = km.newBuffer("view_constant");
    int64_t n = numElements(v);
    Layout l = km.linearLayout(n, 1024, 1, km.nextStartTile(), buffer);
    km.advanceCursor(static_cast<int64_t>(l.pieces.size()));
    ViewAttr whole = makeView(km.ctx(), 0, {{n, 1}});
    for (const Piece &p : l.pieces)
      km.initViewRange(v, whole, p.begin, p.begin + p.len, p.tile, Local{p.buffer, p.offset});
    km.setLayout(v, std::move(l));
  }
  Value result = op->getResult(0);
  auto outShape = shapeOf(result);
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](df::ReshapeOp r) {
        km.setLayout(result, *km.layout(r.getInput()));
        return success();
      })
      .Case([&](df::TransposeOp t) {
        auto inShape = shapeOf(t.getInput());
        ViewMap m;
        m.outShape.assign(outShape.begin(), outShape.end());
        m.inStrides = stridesOf(inShape);
        for (int64_t p : t.getPerm()) {
          m.inDim.push_back(p);
          m.inOffset.push_back(0);
        }
        km.setLayout(result, viewLayout(*km.layout(t.getInput()), inShape, m));
        return success();
      })
      .Case([&](df::SliceOp s) {
        auto inShape = shapeOf(s.getInput());
        ViewMap m = identityMap(inShape);
        m.outShape.assign(outShape.begin(), outShape.end());
        for (auto [d, start] : llvm::enumerate(s.getStarts()))
          m.inOffset[d] = start;
        km.setLayout(result, viewLayout(*km.layout(s.getInput()), inShape, m));
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
        km.setLayout(result, viewLayout(*km.layout(e.getInput()), inShape, m));
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
            appendRun(layout, *km.layout(in), at, o * block, block);
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
