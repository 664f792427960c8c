//===- WaveletVerify.cpp - checks shared by the wavelet op verifiers ------===//

#include "WaveletVerify.h"

using namespace mlir;
using namespace accel::wavelet;

LogicalResult accel::wavelet::detail::verifyColor(Operation *op, int64_t color) {
  if (color < 0)
    return op->emitOpError("color ") << color << " is out of range: colors are non-negative";
  FabricOp fabric = FabricOp::getEnclosing(op);
  if (!fabric)
    return success();
  int64_t colors = fabric.getColorsAttr().getInt();
  if (color >= colors)
    return op->emitOpError("color ")
           << color << " is out of range: the fabric has " << colors << " colors";
  return success();
}

LogicalResult accel::wavelet::detail::verifyWindow(Operation *op, WindowAttr window,
                                                   RankedTensorType type, StringRef what) {
  // A rank-0 tensor is seen as shape [1] (a scalar broadcast by step-0 dims).
  int64_t rank = std::max<int64_t>(type.getRank(), 1);
  for (auto [j, dim] : llvm::enumerate(window.getDims()))
    if (dim.getTensorDim() >= rank)
      return op->emitOpError("window dim #")
             << j << " maps to tensor dim " << dim.getTensorDim() << " but " << what
             << " " << type << " has rank " << type.getRank();
  return success();
}

std::string accel::wavelet::detail::bufferName(Value value) {
  if (auto buffer = value.getDefiningOp<BufferOp>())
    return ("'" + buffer.getName() + "'").str();
  return "<unnamed>";
}

StringRef accel::wavelet::detail::sideName(Side side) { return stringifySide(side); }

MemAccess accel::wavelet::getMemAccess(Value buffer, ArrayRef<int64_t> dsd, StringRef role,
                                       bool isWrite) {
  MemAccess access;
  access.buffer = buffer;
  access.role = role;
  access.isWrite = isWrite;
  if (dsd.size() == 3) {
    access.offset = dsd[0];
    access.len = dsd[1];
    access.stride = dsd[2];
  }
  return access;
}

LogicalResult accel::wavelet::detail::verifyMemAccesses(Operation *op) {
  for (const MemAccess &access : cast<MemAccessOpInterface>(op).getMemAccesses()) {
    auto type = dyn_cast<BufferType>(access.buffer.getType());
    if (!type)
      continue; // the operand type constraint reports it
    if (access.len < 1)
      return op->emitOpError() << access.role << " length must be at least 1, got "
                               << access.len;
    if (access.stride < 0)
      return op->emitOpError() << access.role << " stride must be non-negative, got "
                               << access.stride;
    if (access.offset < 0)
      return op->emitOpError() << access.role << " offset must be non-negative, got "
                               << access.offset;
    if (access.end() > type.getSize())
      return op->emitOpError() << access.role << " range is out of bounds: it ends at word "
                               << access.end() << " but buffer " << bufferName(access.buffer)
                               << " has " << type.getSize() << " words";
  }
  return success();
}
