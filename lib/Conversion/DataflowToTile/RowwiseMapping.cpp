//===- RowwiseMapping.cpp - Reductions, softmax and layer norm on tiles ---===//
//
// Each of these ops works on rows: the trailing dims it reduces or normalises over.
// Whole rows go to tiles (as many tiles as rows, or rows shared out evenly), so every
// row's reduction is local: reduce vertices take all rows of a tile at once, and the
// per-row steps (subtract the max, divide by the sum, scale by the inverse deviation) are
// one vertex per row with the row's scalar broadcast. Each dependent step is its own
// compute set: vertices of one compute set run in parallel and may not read what
// another writes.
//
//===----------------------------------------------------------------------===//
#include "Mappings.h"

#include "accel/Dialect/Dataflow/IR/Dataflow.h"

using namespace mlir;
namespace df = accel::dataflow;

namespace accel::tile::mapping {

namespace {

int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// Rows of `len` elements of one tile: rows [r0, r0 + n), input words `x`.
struct TileRows {
  int64_t tile, r0, n;
  Local x;
};

/// Words a tile holds for the rows the op gives it: `perRow` for each row (the row, the
/// temporaries and result the mapping below writes for it, its row statistics), plus
/// `fixed` once per tile (layer norm's scale and bias rows).
struct RowWords {
  int64_t perRow = 0, fixed = 0;
};
RowWords rowWords(Operation *op, int64_t len) {
  if (isa<df::ReduceOp>(op))
    return {len + 3, 0};
  if (auto s = dyn_cast<df::SoftmaxOp>(op))
    return {(s.getLog() ? 4 : 2) * len + 2, 0};
  auto ln = cast<df::LayerNormOp>(op);
  return {3 * len + 3, (ln.getScale() ? len : 0) + (ln.getBias() ? len : 0)};
}

/// Puts `rows` rows of `len` elements of `input` on tiles; returns them.
SmallVector<TileRows> placeRows(KernelMapper &km, Value input, int64_t rows, int64_t len,
                                RowWords words, Buffer &in) {
  int64_t budget =
      std::max<int64_t>(1, (km.layerBudgetWords() - words.fixed) / words.perRow);
  int64_t perTile = std::max(ceilDiv(rows, km.numTiles()), int64_t(1));
  perTile = std::min(perTile, budget);
  SmallVector<TileRows> placed;
  int64_t index = 0;
  for (int64_t r0 = 0; r0 < rows; r0 += perTile) {
    int64_t n = std::min(perTile, rows - r0);
    int64_t t = km.tileAt(index++);
    placed.push_back(TileRows{t, r0, n, km.fetch(input, r0 * len, n * len, t, in)});
  }
  km.advanceCursor(std::min<int64_t>(km.numTiles(), static_cast<int64_t>(placed.size())));
  return placed;
}

VertexSpec vertex(Codelet c, int64_t tile, Local out, int64_t outLen) {
  VertexSpec v;
  v.codelet = c;
  v.tile = tile;
  v.out = out;
  v.outLen = outLen;
  return v;
}

Local at(Local l, int64_t off) { return Local{l.buffer, l.offset + off}; }

/// One reduce vertex per worker over the tile's rows: out[r] = reduce(x[r][0..len)).
void reduceRows(KernelMapper &km, const TileRows &t, Local x, int64_t len, Local out,
                Codelet c, std::optional<float> scale = std::nullopt) {
  for (auto [rb, rn] : splitForWorkers(t.n, km.workers(), 1)) {
    VertexSpec v = vertex(c, t.tile, at(out, rb), rn);
    v.value = scale;
    v.a = at(x, rb * len);
    v.aLen = rn * len;
    v.count = len;
    km.addVertex(v);
  }
}

/// out[r][j] = op(a[r][j], b[r]) for every row: one vertex per row.
void perRow(KernelMapper &km, const TileRows &t, Codelet c, Local out, Local a, Local b,
            int64_t len, std::optional<float> imm = std::nullopt) {
  for (int64_t r = 0; r < t.n; ++r) {
    VertexSpec v = vertex(c, t.tile, at(out, r * len), len);
    v.a = at(a, r * len);
    v.aLen = len;
    v.b = at(b, r);
    v.bLen = 1;
    v.value = imm;
    km.addVertex(v);
  }
}

/// out = fn(a) over all n elements, split over the workers.
void whole(KernelMapper &km, int64_t tile, Codelet c, std::optional<UnaryFn> fn, Local out,
           Local a, std::optional<Local> b, int64_t n) {
  for (auto [cb, cl] : splitForWorkers(n, km.workers(), 64)) {
    VertexSpec v = vertex(c, tile, at(out, cb), cl);
    v.fn = fn;
    v.a = at(a, cb);
    v.aLen = cl;
    if (b) {
      v.b = at(*b, cb);
      v.bLen = cl;
    }
    km.addVertex(v);
  }
}

/// The layout of [rows x len] results held per tile in `out`.
Layout rowsLayout(ArrayRef<TileRows> placed, Buffer &, int64_t len,
                  const DenseMap<int64_t, Local> &outs) {
  Layout l;
  for (const TileRows &t : placed) {
    Local o = outs.lookup(t.r0);
    l.pieces.push_back(Piece{t.r0 * len, t.n * len, t.tile, o.buffer, o.offset});
  }
  return l;
}

/// The row length of a reduction over `axes` of `shape` when they are the trailing dims
/// (0 otherwise).
int64_t trailingRowLength(ArrayRef<int64_t> shape, ArrayRef<int64_t> axes) {
  int64_t rank = static_cast<int64_t>(shape.size());
  SmallVector<int64_t> sorted;
  for (int64_t a : axes)
    sorted.push_back(a < 0 ? a + rank : a);
  llvm::sort(sorted);
  int64_t len = 1;
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i] != rank - static_cast<int64_t>(sorted.size()) + static_cast<int64_t>(i))
      return 0;
    len *= shape[sorted[i]];
  }
  return len;
}

bool allF32(Operation *op) {
  auto f32 = [](Value v) { return cast<ShapedType>(v.getType()).getElementType().isF32(); };
  return llvm::all_of(op->getOperands(), f32) && llvm::all_of(op->getResults(), f32);
}

} // namespace

namespace {

/// The length of the rows the op works on, 0 when the IPU does not map it.
int64_t mappableRowLength(Operation *op) {
  if (!allF32(op))
    return 0;
  if (auto s = dyn_cast<df::SoftmaxOp>(op)) {
    auto shape = cast<ShapedType>(s.getInput().getType()).getShape();
    int64_t rank = static_cast<int64_t>(shape.size());
    bool last = rank > 0 && (s.getAxis() == rank - 1 || s.getAxis() == -1);
    return last ? shape.back() : 0;
  }
  if (auto ln = dyn_cast<df::LayerNormOp>(op)) {
    auto shape = cast<ShapedType>(ln.getInput().getType()).getShape();
    int64_t axis = ln.getAxis() < 0 ? ln.getAxis() + static_cast<int64_t>(shape.size())
                                    : ln.getAxis();
    int64_t len = 1;
    for (int64_t d = axis; d < static_cast<int64_t>(shape.size()); ++d)
      len *= shape[d];
    auto isRowParam = [&](Value v) {
      return v && cast<ShapedType>(v.getType()).getNumElements() == len;
    };
    return isRowParam(ln.getScale()) && (!ln.getBias() || isRowParam(ln.getBias())) ? len : 0;
  }
  if (auto r = dyn_cast<df::ReduceOp>(op)) {
    auto kind = r.getKind();
    if (kind != df::ReduceKind::Sum && kind != df::ReduceKind::Mean &&
        kind != df::ReduceKind::Max)
      return 0;
    auto shape = cast<ShapedType>(r.getInput().getType()).getShape();
    return r.getAxes().empty() ? 0 : trailingRowLength(shape, r.getAxes());
  }
  return 0;
}

} // namespace

bool isRowwiseMappable(Operation *op) {
  int64_t len = mappableRowLength(op);
  if (len <= 0)
    return false;
  // Whole rows go to tiles: a row that does not fit one tile's layer budget (a softmax
  // over a 50k vocabulary, a reduction over a whole large tensor) stays on the host.
  RowWords words = rowWords(op, len);
  std::optional<int64_t> budget = layerBudgetWordsFor(op);
  return !budget || words.fixed + words.perRow <= *budget;
}

LogicalResult mapRowwiseOp(KernelMapper &km, Operation *op) {
  Value input = op->getOperand(0);
  auto shape = cast<ShapedType>(input.getType()).getShape();
  int64_t total = cast<ShapedType>(input.getType()).getNumElements();
  km.beginLayer(op);
  Buffer &in = km.newBuffer("rows"), &tmp = km.newBuffer("temp"), &out = km.newBuffer("out");
  Buffer &stats = km.newBuffer("row_stats");

  if (auto r = dyn_cast<df::ReduceOp>(op)) {
    int64_t len = trailingRowLength(shape, r.getAxes());
    int64_t rows = total / len;
    SmallVector<TileRows> placed = placeRows(km, input, rows, len, rowWords(op, len), in);
    // A mean scales the f32 sum before it is stored (no fp16 overflow on the way).
    bool mean = r.getKind() == df::ReduceKind::Mean;
    Codelet c = r.getKind() == df::ReduceKind::Max ? Codelet::ReduceMax
                : mean                               ? Codelet::ReduceScaledAdd
                                                     : Codelet::ReduceAdd;
    DenseMap<int64_t, Local> outs;
    for (const TileRows &t : placed) {
      Local o = km.allocate(out, t.tile, t.n);
      reduceRows(km, t, t.x, len, o, c, mean ? std::optional<float>(1.0f / float(len))
                                             : std::nullopt);
      outs[t.r0] = o;
    }
    km.endStep("reduce");
    km.setLayout(r.getResult(), rowsLayout(placed, out, 1, outs));
    return success();
  }

  if (auto s = dyn_cast<df::SoftmaxOp>(op)) {
    int64_t len = shape.back(), rows = total / len;
    SmallVector<TileRows> placed = placeRows(km, input, rows, len, rowWords(op, len), in);
    DenseMap<int64_t, Local> mx, e, sum, outs;
    for (const TileRows &t : placed) {
      mx[t.r0] = km.allocate(stats, t.tile, t.n);
      reduceRows(km, t, t.x, len, mx[t.r0], Codelet::ReduceMax);
    }
    km.endStep("max");
    for (const TileRows &t : placed) {
      e[t.r0] = km.allocate(s.getLog() ? tmp : out, t.tile, t.n * len);
      perRow(km, t, Codelet::Sub, e[t.r0], t.x, mx[t.r0], len);
    }
    km.endStep("shift");
    DenseMap<int64_t, Local> ex;
    for (const TileRows &t : placed) {
      ex[t.r0] = s.getLog() ? km.allocate(tmp, t.tile, t.n * len) : e[t.r0];
      whole(km, t.tile, Codelet::Unary, UnaryFn::Exp, ex[t.r0], e[t.r0], std::nullopt,
            t.n * len);
    }
    km.endStep("exp");
    for (const TileRows &t : placed) {
      sum[t.r0] = km.allocate(stats, t.tile, t.n);
      reduceRows(km, t, ex[t.r0], len, sum[t.r0], Codelet::ReduceAdd);
    }
    km.endStep("sum");
    if (s.getLog()) {
      for (const TileRows &t : placed)
        whole(km, t.tile, Codelet::Unary, UnaryFn::Log, sum[t.r0], sum[t.r0], std::nullopt,
              t.n);
      km.endStep("log");
    }
    for (const TileRows &t : placed) {
      outs[t.r0] = s.getLog() ? km.allocate(out, t.tile, t.n * len) : e[t.r0];
      perRow(km, t, s.getLog() ? Codelet::Sub : Codelet::Div, outs[t.r0],
             s.getLog() ? e[t.r0] : ex[t.r0], sum[t.r0], len);
    }
    km.endStep("normalise");
    km.setLayout(s.getResult(), rowsLayout(placed, out, len, outs));
    return success();
  }

  auto ln = cast<df::LayerNormOp>(op);
  int64_t axis = ln.getAxis() < 0 ? ln.getAxis() + static_cast<int64_t>(shape.size())
                                  : ln.getAxis();
  int64_t len = 1;
  for (int64_t d = axis; d < static_cast<int64_t>(shape.size()); ++d)
    len *= shape[d];
  int64_t rows = total / len;
  float invLen = 1.0f / static_cast<float>(len);
  SmallVector<TileRows> placed = placeRows(km, input, rows, len, rowWords(op, len), in);
  DenseMap<int64_t, Local> sum, eps, centred, var, outs;
  for (const TileRows &t : placed) {
    sum[t.r0] = km.allocate(stats, t.tile, t.n); // the mean
    reduceRows(km, t, t.x, len, sum[t.r0], Codelet::ReduceScaledAdd, invLen);
    eps[t.r0] = km.allocate(stats, t.tile, t.n);
    VertexSpec v = vertex(Codelet::Fill, t.tile, eps[t.r0], t.n);
    v.value = ln.getEpsilon().convertToFloat();
    km.addVertex(v);
  }
  km.endStep("sum");
  for (const TileRows &t : placed) {
    centred[t.r0] = km.allocate(tmp, t.tile, t.n * len);
    perRow(km, t, Codelet::Sub, centred[t.r0], t.x, sum[t.r0], len);
  }
  km.endStep("centre");
  for (const TileRows &t : placed) {
    outs[t.r0] = km.allocate(out, t.tile, t.n * len);
    whole(km, t.tile, Codelet::Mul, std::nullopt, outs[t.r0], centred[t.r0], centred[t.r0],
          t.n * len);
  }
  km.endStep("square");
  for (const TileRows &t : placed) {
    var[t.r0] = km.allocate(stats, t.tile, t.n);
    reduceRows(km, t, outs[t.r0], len, var[t.r0], Codelet::ReduceScaledAdd, invLen);
  }
  km.endStep("variance");
  for (const TileRows &t : placed) {
    VertexSpec v = vertex(Codelet::Add, t.tile, var[t.r0], t.n);
    v.a = var[t.r0];
    v.aLen = t.n;
    v.b = eps[t.r0];
    v.bLen = t.n;
    km.addVertex(v);
  }
  km.endStep("add_eps");
  for (const TileRows &t : placed)
    whole(km, t.tile, Codelet::Unary, UnaryFn::Rsqrt, var[t.r0], var[t.r0], std::nullopt, t.n);
  km.endStep("rsqrt");
  for (const TileRows &t : placed)
    perRow(km, t, Codelet::Mul, outs[t.r0], centred[t.r0], var[t.r0], len);
  km.endStep("normalise");
  // Scale and shift: the row parameters are constants laid out once per tile.
  auto affine = [&](Value param, Codelet c, StringRef name) {
    if (!param)
      return;
    for (const TileRows &t : placed) {
      Local p = km.fetch(param, 0, len, t.tile, in);
      for (int64_t r = 0; r < t.n; ++r) {
        VertexSpec v = vertex(c, t.tile, at(outs[t.r0], r * len), len);
        v.a = v.out;
        v.aLen = len;
        v.b = p;
        v.bLen = len;
        km.addVertex(v);
      }
    }
    km.endStep(name);
  };
  affine(ln.getScale(), Codelet::Mul, "scale");
  affine(ln.getBias(), Codelet::Add, "shift");
  km.setLayout(ln.getResult(), rowsLayout(placed, out, len, outs));
  return success();
}

} // namespace accel::tile::mapping
