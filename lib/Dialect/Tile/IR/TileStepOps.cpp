//===- TileStepOps.cpp - compute sets, exchanges, host exchanges, repeat --===//
//
// Verifiers of the program steps and what they hold: vertices (operands per codelet,
// slices on the vertex's tile, lengths, aliasing), transfers, host copies and repeats.
// The rules mirror the simulator's loader (lib/Sim/IPU/Validate.cpp), so a verified
// kernel emits a program the simulator accepts.
//
//===----------------------------------------------------------------------===//

#include "TileVerify.h"

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
  return verifyHolds<VertexOp>(*this, getBody().front(), "only tile.vertex ops");
}

namespace {
/// What a codelet takes: one row per codelet (Program.h Codelet).
struct CodeletRule {
  Codelet codelet;
  bool a, b, mkn, count, fn, value, accumulate;
};
/// How the lengths of a vertex's slices relate.
enum class Shape { MatMul, Elementwise, Reduce, None };
} // namespace

//                                          a  b  mkn cnt fn val acc
static constexpr CodeletRule kCodeletRules[] = {
    {Codelet::MatMul, /*                 */ 1, 1, 1, 0, 0, 0, 1},
    {Codelet::Add, /*                    */ 1, 1, 0, 0, 0, 0, 0},
    {Codelet::Sub, /*                    */ 1, 1, 0, 0, 0, 0, 0},
    {Codelet::Mul, /*                    */ 1, 1, 0, 0, 0, 0, 0},
    {Codelet::Div, /*                    */ 1, 1, 0, 0, 0, 0, 0},
    {Codelet::Max, /*                    */ 1, 1, 0, 0, 0, 0, 0},
    {Codelet::Min, /*                    */ 1, 1, 0, 0, 0, 0, 0},
    {Codelet::Unary, /*                  */ 1, 0, 0, 0, 1, 0, 0},
    {Codelet::ReduceAdd, /*              */ 1, 0, 0, 1, 0, 0, 0},
    {Codelet::ReduceMax, /*              */ 1, 0, 0, 1, 0, 0, 0},
    {Codelet::Copy, /*                   */ 1, 0, 0, 0, 0, 0, 0},
    {Codelet::Fill, /*                   */ 0, 0, 0, 0, 0, 1, 0},
    {Codelet::ScaledAdd, /*              */ 1, 1, 0, 0, 0, 1, 0},
};

static const CodeletRule &ruleOf(Codelet codelet) {
  for (const CodeletRule &rule : kCodeletRules)
    if (rule.codelet == codelet)
      return rule;
  llvm_unreachable("every codelet has a rule");
}

static Shape shapeOf(Codelet codelet) {
  switch (codelet) {
  case Codelet::MatMul:
    return Shape::MatMul;
  case Codelet::ReduceAdd:
  case Codelet::ReduceMax:
    return Shape::Reduce;
  case Codelet::Fill:
    return Shape::None;
  default:
    return Shape::Elementwise;
  }
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

LogicalResult VertexOp::verify() {
  Codelet codelet = getCodelet();
  StringRef name = stringifyCodelet(codelet);
  const CodeletRule &rule = ruleOf(codelet);

  // Operands and parameters: exactly those the codelet takes.
  auto expect = [&](bool has, bool wanted, StringRef what) -> LogicalResult {
    if (has && !wanted)
      return emitOpError("codelet ") << name << " takes no " << what;
    if (!has && wanted)
      return emitOpError("codelet ") << name << " needs " << what;
    return success();
  };
  bool hasMkn = getMAttr() || getKAttr() || getNAttr();
  if (failed(expect(static_cast<bool>(getA()), rule.a, "operand a")) ||
      failed(expect(static_cast<bool>(getB()), rule.b, "operand b")) ||
      failed(expect(hasMkn, rule.mkn, "m, k, n")) ||
      (rule.mkn && failed(expect(getMAttr() && getKAttr() && getNAttr(), true,
                                 "all of m, k, n"))) ||
      failed(expect(static_cast<bool>(getCountAttr()), rule.count, "count")) ||
      failed(expect(static_cast<bool>(getFnAttr()), rule.fn, "a unary function")) ||
      failed(expect(static_cast<bool>(getValueAttr()), rule.value, "value")) ||
      failed(expect(getAccumulate(), getAccumulate() && rule.accumulate, "accumulate")))
    return failure();
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
  switch (shapeOf(codelet)) {
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
  case Shape::Elementwise:
    if (a.len != out.len)
      return emitOpError("length mismatch: out has ")
             << out.len << " words but a has " << a.len;
    if (failed(verifyAliasing(*this, out, a, true)))
      return failure();
    if (!getB())
      return success();
    if (b.len != out.len && b.len != 1)
      return emitOpError("length mismatch: out has ")
             << out.len << " words but b has " << b.len << " (b is out.len words or 1)";
    // A broadcast b is read for every element: out must not overwrite it.
    if (b.len != out.len)
      return verifyAliasing(*this, out, b, false, " when b is broadcast");
    return verifyAliasing(*this, out, b, true);
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
  if (failed(verifyHolds<TransferOp>(*this, getBody().front(), "only tile.transfer ops")))
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
  if (failed(verifyHolds<HostCopyOp>(*this, getBody().front(), "only tile.host_copy ops")))
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
