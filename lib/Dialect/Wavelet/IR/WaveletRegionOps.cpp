//===- WaveletRegionOps.cpp - route, init, stream_in/out, task ------------===//
//
// Verifiers of the ops that make up a region: its router rules, buffer initialisers,
// the streams at its edge and its tasks.
//
//===----------------------------------------------------------------------===//

#include "WaveletVerify.h"

using namespace mlir;
using namespace accel::wavelet;
using namespace accel::wavelet::detail;

LogicalResult RouteOp::verify() {
  if (failed(verifyColor(*this, getColorAttr().getInt())))
    return failure();
  if (getRx() == Dir::None)
    return emitOpError("rx must name at least one port");
  if (getTx() == Dir::None)
    return emitOpError("tx must name at least one port");
  if (Dir shared = getRx() & getTx(); shared != Dir::None)
    return emitOpError("rx and tx must be disjoint, both contain ")
           << stringifyDir(shared);
  return success();
}

LogicalResult InitOp::verify() {
  int64_t offset = getOffsetAttr().getInt();
  int64_t size = getBuffer().getType().getSize();
  if (offset < 0)
    return emitOpError("offset must be non-negative, got ") << offset;
  int64_t elements = getWindow().getNumElements();
  if (elements > size - offset)
    return emitOpError("window of ")
           << elements << " elements does not fit in buffer " << bufferName(getBuffer())
           << " at offset " << offset << ": " << size - offset << " words are left";
  return verifyWindow(*this, getWindow(), getSource().getType(), "the source");
}

/// The PE of a stream is in the region, its instance exists and `side` points out of
/// the region from that PE.
template <typename StreamOp>
static LogicalResult verifyStreamEnd(StreamOp op) {
  if (failed(verifyColor(op, op.getColorAttr().getInt())))
    return failure();
  if (op.getMessageLenAttr().getInt() < 1)
    return op.emitOpError("message length must be at least 1, got ")
           << op.getMessageLenAttr().getInt();
  auto region = dyn_cast<RegionOp>(op->getParentOp());
  if (!region)
    return success();
  int64_t x = op.getXAttr().getInt(), y = op.getYAttr().getInt();
  int64_t width = region.getWidthAttr().getInt(), height = region.getHeightAttr().getInt();
  if (!region.containsPe(x, y))
    return op.emitOpError("PE (") << x << ", " << y << ") is outside region '"
                                  << region.getSymName() << "' of " << width << " x "
                                  << height << " PEs";
  int64_t instance = op.getInstanceAttr().getInt();
  int64_t instances = region.getInstancesAttr().getInt();
  if (instance < 0 || instance >= instances)
    return op.emitOpError("instance ") << instance << " is out of range: region '"
                                       << region.getSymName() << "' has " << instances
                                       << " instance(s)";
  Side side = op.getSide();
  bool outward = (side == Side::West && x == 0) || (side == Side::East && x == width - 1) ||
                 (side == Side::North && y == 0) || (side == Side::South && y == height - 1);
  if (!outward)
    return op.emitOpError("side ") << sideName(side) << " does not point out of the region "
                                   << "from PE (" << x << ", " << y << ")";
  return success();
}

LogicalResult StreamInOp::verify() {
  if (failed(verifyStreamEnd(*this)))
    return failure();
  return verifyWindow(*this, getWindow(), getSource().getType(), "the source");
}

LogicalResult StreamOutOp::verify() {
  if (failed(verifyStreamEnd(*this)))
    return failure();
  auto kernel = (*this)->getParentOfType<KernelOp>();
  if (!kernel)
    return success();
  int64_t index = getResultIndexAttr().getInt();
  ArrayRef<Type> results = kernel.getResultTypes();
  if (index < 0 || index >= (int64_t)results.size())
    return emitOpError("result ") << index << " is out of range: kernel @"
                                  << kernel.getSymName() << " has " << results.size()
                                  << " result(s)";
  auto type = dyn_cast<RankedTensorType>(results[index]);
  if (!type)
    return success(); // the kernel reports it
  return verifyWindow(*this, getWindow(), type, "the result");
}

/// A task or loop body holds only instructions and loops.
static LogicalResult verifyInstructionBody(Operation *op, Block &body) {
  for (Operation &inner : body)
    if (!isa<MemAccessOpInterface, LoopOp>(inner))
      return inner.emitOpError("is not allowed in a ")
             << op->getName() << ": it holds wavelet instructions and loops";
  return success();
}

LogicalResult TaskOp::verify() {
  if (getKind() == TaskKind::Data && !getColorAttr())
    return emitOpError("a data task needs a color");
  if (getKind() == TaskKind::Local && getColorAttr())
    return emitOpError("a local task has no color");
  if (getColorAttr() && failed(verifyColor(*this, getColorAttr().getInt())))
    return failure();
  return verifyInstructionBody(*this, getBody().front());
}
