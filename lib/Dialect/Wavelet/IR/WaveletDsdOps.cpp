//===- WaveletDsdOps.cpp - DSD instructions -------------------------------===//
//
// The memory operands of every instruction (MemAccessOpInterface, whose verifier checks
// the ranges against their buffers) and the per-instruction length rules.
//
//===----------------------------------------------------------------------===//

#include "WaveletVerify.h"

using namespace mlir;
using namespace accel::wavelet;
using namespace accel::wavelet::detail;

SmallVector<MemAccess> RecvOp::getMemAccesses() {
  return {getMemAccess(getDst(), getDstDsd(), "dst", /*isWrite=*/true)};
}
SmallVector<MemAccess> SendOp::getMemAccesses() {
  return {getMemAccess(getA(), getADsd(), "a", /*isWrite=*/false)};
}
SmallVector<MemAccess> FillOp::getMemAccesses() {
  return {getMemAccess(getDst(), getDstDsd(), "dst", /*isWrite=*/true)};
}
SmallVector<MemAccess> MovOp::getMemAccesses() {
  return {getMemAccess(getDst(), getDstDsd(), "dst", true),
          getMemAccess(getA(), getADsd(), "a", false)};
}
SmallVector<MemAccess> BinaryOp::getMemAccesses() {
  return {getMemAccess(getDst(), getDstDsd(), "dst", true),
          getMemAccess(getA(), getADsd(), "a", false),
          getMemAccess(getB(), getBDsd(), "b", false)};
}
SmallVector<MemAccess> FmacOp::getMemAccesses() {
  return {getMemAccess(getDst(), getDstDsd(), "dst", true),
          getMemAccess(getA(), getADsd(), "a", false),
          getMemAccess(getB(), getBDsd(), "b", false),
          getMemAccess(getC(), getCDsd(), "c", false)};
}
SmallVector<MemAccess> GemvOp::getMemAccesses() {
  MemAccess dst = getMemAccess(getDst(), getDstDsd(), "dst", true);
  MemAccess a = getMemAccess(getA(), getADsd(), "a", false);
  // W: K rows of N words, `ld` words apart.
  MemAccess w;
  w.buffer = getW();
  w.role = "w";
  w.offset = getWOffsetAttr().getInt();
  w.len = a.len;
  w.stride = getLdAttr().getInt();
  w.width = dst.len;
  return {dst, a, w};
}
SmallVector<MemAccess> UnaryOp::getMemAccesses() {
  return {getMemAccess(getDst(), getDstDsd(), "dst", true),
          getMemAccess(getA(), getADsd(), "a", false)};
}
SmallVector<MemAccess> ReduceOp::getMemAccesses() {
  return {getMemAccess(getDst(), getDstDsd(), "dst", true),
          getMemAccess(getA(), getADsd(), "a", false)};
}

/// `x` has as many elements as `dst` (or, if `scalarOk`, is a stride-0 scalar).
static LogicalResult verifySameLength(Operation *op, const MemAccess &dst,
                                      const MemAccess &x, bool scalarOk = false) {
  if (x.len == dst.len || (scalarOk && x.stride == 0))
    return success();
  InFlightDiagnostic diag = op->emitOpError()
                            << "length mismatch: " << dst.role << " has " << dst.len
                            << " elements but " << x.role << " has " << x.len;
  if (scalarOk)
    diag << " (and is not a stride-0 scalar)";
  return diag;
}

LogicalResult RecvOp::verify() { return verifyColor(*this, getColorAttr().getInt()); }
LogicalResult SendOp::verify() { return verifyColor(*this, getColorAttr().getInt()); }

LogicalResult MovOp::verify() {
  SmallVector<MemAccess> m = getMemAccesses();
  return verifySameLength(*this, m[0], m[1]);
}

LogicalResult BinaryOp::verify() {
  SmallVector<MemAccess> m = getMemAccesses();
  if (failed(verifySameLength(*this, m[0], m[1])))
    return failure();
  return verifySameLength(*this, m[0], m[2], /*scalarOk=*/true);
}

LogicalResult FmacOp::verify() {
  SmallVector<MemAccess> m = getMemAccesses();
  if (failed(verifySameLength(*this, m[0], m[1])))
    return failure();
  return verifySameLength(*this, m[0], m[2], /*scalarOk=*/true);
}

LogicalResult UnaryOp::verify() {
  SmallVector<MemAccess> m = getMemAccesses();
  return verifySameLength(*this, m[0], m[1]);
}

LogicalResult ReduceOp::verify() {
  int64_t segment = getSegmentAttr().getInt();
  if (segment < 1)
    return emitOpError("segment must be at least 1, got ") << segment;
  SmallVector<MemAccess> m = getMemAccesses();
  if (m[1].len != m[0].len * segment)
    return emitOpError("length mismatch: a has ")
           << m[1].len << " elements but dst.len * segment = " << m[0].len << " * "
           << segment << " = " << m[0].len * segment;
  return success();
}

LogicalResult LoopOp::verify() {
  if (getCountAttr().getInt() < 1)
    return emitOpError("count must be at least 1, got ") << getCountAttr().getInt();
  for (Operation &inner : getBody().front())
    if (!isa<MemAccessOpInterface, LoopOp>(inner))
      return inner.emitOpError("is not allowed in a wavelet.loop: it holds wavelet "
                               "instructions and loops");
  return success();
}
