//===- TileStepOps.cpp - compute sets, exchanges, host exchanges, repeat --===//
//
// Verifiers of the program steps and what they hold: vertices (operands per codelet,
// slices on the vertex's tile, lengths, aliasing), transfers, host copies and repeats.
// The rules mirror the simulator's loader (lib/Sim/IPU/Validate.cpp), so a verified
// kernel emits a program the simulator accepts.
//
//===----------------------------------------------------------------------===//

#include "TileVerify.h"

#include "accel/Sim/Common/UnaryFn.h"

using namespace mlir;
using namespace accel::tile;
using namespace accel::tile::detail;

/// The simulator's loader limits on repeat loops.
static constexpr int64_t kMaxRepeatCount = int64_t(1) << 24;
static constexpr int64_t kMaxRepeatDepth = 8;

/// Every op of `body` is an `Allowed`; otherwise "is not allowed in a <op>: it holds <what>".
template <typename... Allowed>
static LogicalResult verifyHolds(Operation *op, Block &body, StringRef what) {
  for (Operation &inner : body)
    if (!isa<Allowed...>(inner))
      return inner.emitOpError("is not allowed in a ")
             << op->getName() << ": it holds " << what;
  return success();
}

//===----------------------------------------------------------------------===//
// compute_set, vertex
//===----------------------------------------------------------------------===//

LogicalResult ComputeSetOp::verify() {
  if (failed(verifyLayer(*this, getLayerAttr())))
    return failure();
  return verifyHolds<VertexOp>(*this, getBody().front(), "only tile.vertex ops");
}

LogicalResult SyncOp::verify() { return verifyLayer(*this, getLayerAttr()); }

namespace {
/// The operands and parameters of a vertex, as bits.
enum Param : unsigned {
  kA = 1u << 0,
  kB = 1u << 1,
  kM = 1u << 2,
  kK = 1u << 3,
  kN = 1u << 4,
  kCount = 1u << 5,
  kFn = 1u << 6,
  kValue = 1u << 7,
  kValue2 = 1u << 8,
  kWindow = 1u << 9,
  kAccumulate = 1u << 10,
  kTransposeB = 1u << 11,
  kCountPad = 1u << 12,
};
/// How the lengths of a vertex's slices relate.
enum class Shape { MatMul, Binary, Elementwise, Reduce, Window, Transpose, Blocks, None };
/// What a codelet takes: one row per codelet (Program.h Codelet). `required` must be
/// present, `optional` may be; anything else is rejected. (A unary function's own
/// parameters, value and value2, are checked against the function.)
struct CodeletRule {
  Codelet codelet;
  unsigned required, optional;
  Shape shape;
};
} // namespace

static constexpr CodeletRule kCodeletRules[] = {
    {Codelet::MatMul, kA | kB | kM | kK | kN, kAccumulate | kTransposeB, Shape::MatMul},
    {Codelet::Add, kA | kB, 0, Shape::Binary},
    {Codelet::Sub, kA | kB, 0, Shape::Binary},
    {Codelet::Mul, kA | kB, 0, Shape::Binary},
    {Codelet::Div, kA | kB, 0, Shape::Binary},
    {Codelet::Max, kA | kB, 0, Shape::Binary},
    {Codelet::Min, kA | kB, 0, Shape::Binary},
    {Codelet::Unary, kA | kFn, kValue | kValue2, Shape::Elementwise},
    {Codelet::ReduceAdd, kA | kCount, 0, Shape::Reduce},
    {Codelet::ReduceMax, kA | kCount, 0, Shape::Reduce},
    {Codelet::Copy, kA, 0, Shape::Elementwise},
    {Codelet::Fill, kValue, 0, Shape::None},
    {Codelet::ScaledAdd, kA | kB | kValue, 0, Shape::Elementwise},
    {Codelet::Conv, kA | kB | kWindow, kAccumulate, Shape::Window},
    {Codelet::MaxPool, kA | kWindow, 0, Shape::Window},
    {Codelet::AvgPool, kA | kWindow, kCountPad, Shape::Window},
    {Codelet::Transpose, kA | kM | kN | kCount, 0, Shape::Transpose},
    {Codelet::Clamp, kA | kValue | kValue2, 0, Shape::Elementwise},
    {Codelet::Sum, kA | kCount | kN, 0, Shape::Blocks},
    {Codelet::ReduceScaledAdd, kA | kCount | kValue, 0, Shape::Reduce},
};

static const CodeletRule &ruleOf(Codelet codelet) {
  for (const CodeletRule &rule : kCodeletRules)
    if (rule.codelet == codelet)
      return rule;
  llvm_unreachable("every codelet has a rule");
}

/// How many parameters (value, value2) a unary function takes: the simulator's own
/// answer (Tile_UnaryFn mirrors its enum case for case; the emitter checks the two agree).
static unsigned unaryParamCount(UnaryFn fn) {
  return accel::sim::unaryParamCount(static_cast<accel::sim::UnaryFn>(fn));
}

namespace {
/// One operand of a vertex: a slice of a tile tensor on the vertex's tile.
struct Operand {
  StringRef role;
  Value tensor;
  int64_t offset = 0, len = 0;
  int64_t end() const { return offset + len; }
  bool overlaps(const Operand &o) const {
    return tensor == o.tensor && offset < o.end() && o.offset < end();
  }
  bool identical(const Operand &o) const {
    return tensor == o.tensor && offset == o.offset && len == o.len;
  }
};
} // namespace

static Operand operandOf(StringRef role, Value tensor, DenseI64ArrayAttr slice) {
  Operand operand{role, tensor};
  if (slice && slice.size() == 2) {
    operand.offset = slice[0];
    operand.len = slice[1];
  }
  return operand;
}

/// `out` and `in` are disjoint or (if `inPlaceOk`) identical. Different tile tensors used by
/// one vertex never share words (both are live at its step, and the kernel verifier checks
/// placed tensors by liveness), so only one tensor can alias.
static LogicalResult verifyAliasing(VertexOp op, const Operand &out, const Operand &in,
                                    bool inPlaceOk, StringRef why = "") {
  if (!out.overlaps(in) || (inPlaceOk && out.identical(in)))
    return success();
  InFlightDiagnostic diag = op.emitOpError()
                            << "out [" << out.offset << ", " << out.end() << ") overlaps "
                            << in.role << " [" << in.offset << ", " << in.end() << ") of "
                            << tensorName(out.tensor);
  if (inPlaceOk)
    diag << " partly (only identical, in-place, or disjoint slices)";
  else
    diag << " (" << stringifyCodelet(op.getCodelet()) << " needs them disjoint" << why
         << ")";
  return diag;
}

/// The window's lengths against the slices: out = cout*oh*ow, a = c*h*w, b (conv) =
/// cout*c*kh*kw; pools keep their channels and every output window meets the slab.
static LogicalResult verifyWindow(VertexOp op, const Operand &out, const Operand &a,
                                  const Operand &b) {
  WindowAttr w = op.getWindowAttr();
  bool conv = op.getCodelet() == Codelet::Conv;
  // Each factor is below 2^32 (the attribute's verifier); the slices are below 2^63, so
  // compare through division where a product could overflow.
  auto is = [](int64_t len, std::initializer_list<int64_t> factors) {
    for (int64_t f : factors) {
      if (f < 1 || len % f)
        return false;
      len /= f;
    }
    return len == 1;
  };
  if (!conv && w.getCout() != w.getC())
    return op.emitOpError("a pool keeps its channels: window cout ")
           << w.getCout() << " must equal c " << w.getC();
  if (!is(out.len, {w.getCout(), w.getOh(), w.getOw()}))
    return op.emitOpError("window needs out of cout * oh * ow = ")
           << w.getCout() << " * " << w.getOh() << " * " << w.getOw() << " words, has "
           << out.len;
  if (!is(a.len, {w.getC(), w.getH(), w.getW()}))
    return op.emitOpError("window needs a of c * h * w = ")
           << w.getC() << " * " << w.getH() << " * " << w.getW() << " words, has " << a.len;
  if (conv && !is(b.len, {w.getCout(), w.getC(), w.getKh(), w.getKw()}))
    return op.emitOpError("window needs b of cout * c * kh * kw = ")
           << w.getCout() << " * " << w.getC() << " * " << w.getKh() << " * " << w.getKw()
           << " words, has " << b.len;
  if (!conv) {
    // A max or mean over nothing is undefined: every output window must meet the slab.
    // Windows move monotonically, but dilation can skip over a short slab, so count.
    auto meets = [](int64_t o, int64_t stride, int64_t dilation, int64_t pad, int64_t k,
                    int64_t size) {
      int64_t start = o * stride - pad;
      if (start >= size)
        return false;
      int64_t lo = start >= 0 ? 0 : (-start + dilation - 1) / dilation;
      return lo < k && start + lo * dilation < size;
    };
    for (int64_t oy = 0; oy < w.getOh(); ++oy)
      if (!meets(oy, w.getSh(), w.getDh(), w.getPh(), w.getKh(), w.getH()))
        return op.emitOpError("window of output row ")
               << oy << " has no row inside the slab of " << w.getH() << " rows";
    for (int64_t ox = 0; ox < w.getOw(); ++ox)
      if (!meets(ox, w.getSw(), w.getDw(), w.getPw(), w.getKw(), w.getW()))
        return op.emitOpError("window of output column ")
               << ox << " has no column inside the slab of " << w.getW() << " columns";
  }
  if (failed(verifyAliasing(op, out, a, false)))
    return failure();
  return conv ? verifyAliasing(op, out, b, false) : success();
}

LogicalResult VertexOp::verify() {
  Codelet codelet = getCodelet();
  StringRef name = stringifyCodelet(codelet);
  const CodeletRule &rule = ruleOf(codelet);

  // Operands and parameters: exactly those the codelet takes.
  unsigned has = (getA() ? kA : 0) | (getB() ? kB : 0) | (getMAttr() ? kM : 0) |
                 (getKAttr() ? kK : 0) | (getNAttr() ? kN : 0) |
                 (getCountAttr() ? kCount : 0) | (getFnAttr() ? kFn : 0) |
                 (getValueAttr() ? kValue : 0) | (getValue2Attr() ? kValue2 : 0) |
                 (getWindowAttr() ? kWindow : 0) | (getAccumulate() ? kAccumulate : 0) |
                 (getTransposeB() ? kTransposeB : 0) | (getCountPad() ? kCountPad : 0);
  static constexpr std::pair<Param, StringLiteral> kNames[] = {
      {kA, "operand a"},   {kB, "operand b"},     {kM, "m"},
      {kK, "k"},           {kN, "n"},             {kCount, "count"},
      {kFn, "a unary function"}, {kValue, "value"}, {kValue2, "value2"},
      {kWindow, "window"}, {kAccumulate, "accumulate"}, {kTransposeB, "transpose_b"},
      {kCountPad, "count_pad"}};
  unsigned allowed = rule.required | rule.optional;
  if (codelet == Codelet::Unary && getFnAttr()) {
    // The function decides which of value, value2 it takes.
    unsigned params = unaryParamCount(*getFn());
    unsigned wanted = (params >= 1 ? kValue : 0) | (params >= 2 ? kValue2 : 0);
    for (auto [bit, what] : {std::pair<Param, StringRef>{kValue, "value"}, {kValue2, "value2"}}) {
      if ((has & bit) && !(wanted & bit))
        return emitOpError("unary ") << stringifyUnaryFn(*getFn()) << " takes no "
                                     << what;
      if (!(has & bit) && (wanted & bit))
        return emitOpError("unary ") << stringifyUnaryFn(*getFn()) << " needs "
                                     << what;
    }
  }
  for (auto [bit, what] : kNames) {
    if ((has & bit) && !(allowed & bit))
      return emitOpError("codelet ") << name << " takes no " << what;
    if (!(has & bit) && (rule.required & bit))
      return emitOpError("codelet ") << name << " needs " << what;
  }
  if (static_cast<bool>(getA()) != static_cast<bool>(getASliceAttr()) ||
      static_cast<bool>(getB()) != static_cast<bool>(getBSliceAttr()))
    return emitOpError("every operand needs its slice (a_slice, b_slice)");

  // Slices on the vertex's tile.
  int64_t tile = getTileAttr().getInt();
  if (failed(verifyTile(*this, "tile ", tile)))
    return failure();
  Operand out = operandOf("out", getOut(), getOutSliceAttr());
  Operand a = operandOf("a", getA(), getASliceAttr());
  Operand b = operandOf("b", getB(), getBSliceAttr());
  SmallVector<Operand, 3> operands = {out};
  if (getA())
    operands.push_back(a);
  if (getB())
    operands.push_back(b);
  for (const Operand &operand : operands)
    if (failed(verifyTileSlice(*this, operand.role, operand.tensor, tile, operand.offset,
                               operand.len)))
      return failure();

  // Lengths and aliasing.
  switch (rule.shape) {
  case Shape::MatMul: {
    int64_t m = getMAttr().getInt(), k = getKAttr().getInt(), n = getNAttr().getInt();
    if (m < 1 || k < 1 || n < 1)
      return emitOpError("matmul dims must be positive, got m ")
             << m << ", k " << k << ", n " << n;
    if (a.len != m * k || b.len != k * n || out.len != m * n)
      return emitOpError("matmul ")
             << m << "x" << k << "x" << n << " needs a " << m * k << ", b " << k * n
             << ", out " << m * n << " words; has a " << a.len << ", b " << b.len
             << ", out " << out.len;
    if (failed(verifyAliasing(*this, out, a, false)))
      return failure();
    return verifyAliasing(*this, out, b, false);
  }
  case Shape::Transpose: {
    int64_t m = getMAttr().getInt(), n = getNAttr().getInt(), count = getCountAttr().getInt();
    if (m < 1 || n < 1 || count < 1)
      return emitOpError("transpose dims must be positive, got count ")
             << count << ", m " << m << ", n " << n;
    // Slices are at most a tile's words, so a product that matches cannot have wrapped;
    // one that does not match is reported without being formed past a slice's size.
    if (a.len % count || (a.len / count) % m || a.len / count / m != n || out.len != a.len)
      return emitOpError("transpose of count * m * n = ")
             << count << " * " << m << " * " << n << " words needs a and out of that "
             << "length; has a " << a.len << ", out " << out.len;
    return verifyAliasing(*this, out, a, false);
  }
  case Shape::Window:
    return verifyWindow(*this, out, a, b);
  case Shape::Blocks: {
    int64_t count = getCountAttr().getInt(), n = getNAttr().getInt();
    if (count < 1 || n < out.len || a.len != (count - 1) * n + out.len)
      return emitOpError("sum of ")
             << count << " blocks " << n << " words apart needs count >= 1, n >= out's "
             << out.len << " words and a of (count - 1) * n + out words; has a " << a.len;
    return verifyAliasing(*this, out, a, false);
  }
  case Shape::Reduce: {
    int64_t count = getCountAttr().getInt();
    if (count < 1)
      return emitOpError("count must be at least 1, got ") << count;
    if (out.len * count != a.len)
      return emitOpError("length mismatch: a has ")
             << a.len << " words but out.len * count = " << out.len << " * " << count
             << " = " << out.len * count;
    return verifyAliasing(*this, out, a, false);
  }
  case Shape::Binary:
  case Shape::Elementwise: {
    // Binary codelets broadcast an operand of one word (a or b); the other elementwise
    // ones broadcast only b (scaled_add).
    bool aBroadcasts = rule.shape == Shape::Binary;
    if (a.len != out.len && !(aBroadcasts && a.len == 1))
      return emitOpError("length mismatch: out has ")
             << out.len << " words but a has " << a.len
             << (aBroadcasts ? " (a is out.len words or 1)" : "");
    if (getB() && b.len != out.len && b.len != 1)
      return emitOpError("length mismatch: out has ")
             << out.len << " words but b has " << b.len << " (b is out.len words or 1)";
    // A broadcast operand is read for every element: out must not overwrite it.
    auto check = [&](const Operand &in) {
      if (in.len != out.len)
        return verifyAliasing(*this, out, in, false,
                              (" when " + in.role + " is broadcast").str());
      return verifyAliasing(*this, out, in, true);
    };
    if (failed(check(a)))
      return failure();
    return getB() ? check(b) : success();
  }
  case Shape::None:
    return success();
  }
  llvm_unreachable("every shape is handled");
}

//===----------------------------------------------------------------------===//
// exchange, transfer
//===----------------------------------------------------------------------===//

LogicalResult TransferOp::verify() {
  ArrayRef<int64_t> tiles = getDstTiles(), offsets = getDstOffsets();
  if (getDsts().empty())
    return emitOpError("needs at least one destination");
  if (tiles.size() != getDsts().size() || offsets.size() != getDsts().size())
    return emitOpError("has ")
           << getDsts().size() << " destinations but " << tiles.size() << " dst_tiles and "
           << offsets.size() << " dst_offsets";
  int64_t srcTile = getSrcTileAttr().getInt();
  ArrayRef<int64_t> src = getSrcSlice();
  if (failed(verifyTile(*this, "source tile ", srcTile)) ||
      failed(verifyTileSlice(*this, "source", getSrc(), srcTile, src[0], src[1])))
    return failure();
  for (auto [i, dst] : llvm::enumerate(getDsts())) {
    std::string role = "destination #" + std::to_string(i);
    if (failed(verifyTile(*this, role + " tile ", tiles[i])) ||
        failed(verifyTileSlice(*this, role, dst, tiles[i], offsets[i], getLen())))
      return failure();
  }
  return success();
}

LogicalResult ExchangeOp::verify() {
  if (failed(verifyLayer(*this, getLayerAttr())) ||
      failed(verifyHolds<TransferOp>(*this, getBody().front(), "only tile.transfer ops")))
    return failure();
  SmallVector<Written> written;
  for (auto transfer : getBody().front().getOps<TransferOp>())
    for (auto [dst, tile, offset] : llvm::zip(transfer.getDsts(), transfer.getDstTiles(),
                                              transfer.getDstOffsets()))
      written.push_back({dst, tile, offset, offset + transfer.getLen(), transfer});
  return verifyDisjoint(*this, written);
}

//===----------------------------------------------------------------------===//
// host_exchange, host_copy
//===----------------------------------------------------------------------===//

LogicalResult HostCopyOp::verify() {
  if (static_cast<bool>(getSource()) == static_cast<bool>(getResultIndexAttr()))
    return emitOpError("needs exactly one of a source (to the device) and a result index "
                       "(to the host)");
  ArrayRef<int64_t> slice = getSlice();
  int64_t tile = getTileAttr().getInt();
  if (failed(verifyTile(*this, "tile ", tile)) ||
      failed(verifyTileSlice(*this, "", getTensor(), tile, slice[0], slice[1])))
    return failure();
  int64_t elements = getView().getNumElements();
  if (elements != slice[1])
    return emitOpError("slice length ")
           << slice[1] << " does not match the view's " << elements << " elements";
  if (!getResultIndexAttr())
    return success();
  int64_t index = getResultIndexAttr().getInt();
  auto kernel = (*this)->getParentOfType<KernelOp>();
  if (!kernel)
    return success();
  int64_t results = kernel.getResultTypes().size();
  if (index < 0 || index >= results)
    return emitOpError("result ") << index << " is out of range: kernel @"
                                  << kernel.getSymName() << " has " << results
                                  << " result(s)";
  return success();
}

LogicalResult HostExchangeOp::verify() {
  if (failed(verifyLayer(*this, getLayerAttr())) ||
      failed(verifyHolds<HostCopyOp>(*this, getBody().front(), "only tile.host_copy ops")))
    return failure();
  SmallVector<Written> written;
  for (auto copy : getBody().front().getOps<HostCopyOp>()) {
    if (!copy.isToDevice())
      continue;
    ArrayRef<int64_t> slice = copy.getSlice();
    written.push_back({copy.getTensor(), copy.getTileAttr().getInt(), slice[0],
                       slice[0] + slice[1], copy});
  }
  return verifyDisjoint(*this, written);
}

//===----------------------------------------------------------------------===//
// repeat
//===----------------------------------------------------------------------===//

LogicalResult RepeatOp::verify() {
  if (failed(verifyLayer(*this, getLayerAttr())))
    return failure();
  int64_t count = getCountAttr().getInt();
  if (count < 1 || count > kMaxRepeatCount)
    return emitOpError("count must be in [1, 2^24], got ") << count;
  int64_t depth = 1;
  for (Operation *parent = (*this)->getParentOp(); isa_and_nonnull<RepeatOp>(parent);
       parent = parent->getParentOp())
    ++depth;
  if (depth > kMaxRepeatDepth)
    return emitOpError("is nested ") << depth << " deep; repeats nest at most "
                                     << kMaxRepeatDepth << " deep";
  for (Operation &inner : getBody().front())
    if (!isStep(&inner))
      return inner.emitOpError("is not allowed in a tile.repeat: it holds program steps "
                               "(compute_set, sync, exchange, host_exchange, repeat)");
  return success();
}
