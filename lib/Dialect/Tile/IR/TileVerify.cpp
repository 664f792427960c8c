//===- TileVerify.cpp - checks shared by the tile op verifiers ------------===//

#include "TileVerify.h"

using namespace mlir;
using namespace accel::tile;

LogicalResult accel::tile::detail::verifyTile(Operation *op, StringRef what, int64_t tile) {
  if (tile < 0)
    return op->emitOpError() << what << tile << " is out of range: tiles are non-negative";
  IpuOp ipu = IpuOp::getEnclosing(op);
  if (!ipu)
    return success();
  int64_t tiles = ipu.getTilesAttr().getInt();
  if (tile >= tiles)
    return op->emitOpError() << what << tile << " is out of range: the ipu has " << tiles
                             << " tiles";
  return success();
}

LogicalResult accel::tile::detail::verifyTileSlice(Operation *op, StringRef role,
                                                   Value tensor, int64_t tile,
                                                   int64_t offset, int64_t len) {
  auto type = dyn_cast<TileTensorType>(tensor.getType());
  if (!type)
    return success(); // the operand type constraint reports it
  std::string who = role.empty() ? std::string() : (role + " ").str();
  if (auto def = tensor.getDefiningOp<TensorOp>(); def && !def.livesOn(tile)) {
    InFlightDiagnostic diag = op->emitOpError()
                              << who << "tensor " << tensorName(tensor)
                              << " does not live on tile " << tile << " (it lives on tiles [";
    llvm::interleaveComma(def.getTiles(), diag);
    return diag << "])";
  }
  if (len < 1)
    return op->emitOpError() << who << "slice length must be at least 1, got " << len;
  if (offset < 0)
    return op->emitOpError() << who << "slice offset must be non-negative, got " << offset;
  if (offset + len > type.getWords())
    return op->emitOpError() << who << "slice [" << offset << ", " << offset + len
                             << ") is out of bounds: tensor " << tensorName(tensor)
                             << " has " << type.getWords() << " words";
  return success();
}

std::string accel::tile::detail::tensorName(Value value) {
  if (auto tensor = value.getDefiningOp<TensorOp>())
    return ("'" + tensor.getName() + "'").str();
  return "<unnamed>";
}

bool accel::tile::detail::isStep(Operation *op) {
  return isa<ComputeSetOp, SyncOp, ExchangeOp, HostExchangeOp, RepeatOp>(op);
}

LogicalResult accel::tile::detail::verifyLayer(Operation *step, IntegerAttr layer) {
  if (!layer)
    return success();
  auto kernel = step->getParentOfType<KernelOp>();
  if (!kernel)
    return success(); // the parent constraint reports it
  int64_t index = layer.getInt(), layers = kernel.getNumLayers();
  if (index < 0 || index >= layers) {
    InFlightDiagnostic diag = step->emitOpError()
                              << "layer " << index << " is out of range: kernel @"
                              << kernel.getSymName() << " has " << layers << " layer(s)";
    if (!kernel.getLayersAttr())
      diag << " (no `layers` attribute: the kernel is one layer)";
    return diag;
  }
  return success();
}

LogicalResult accel::tile::detail::verifyDisjoint(Operation *phase,
                                                  SmallVectorImpl<Written> &written) {
  // Sort by (tensor, tile, begin), keeping program order among equal keys.
  llvm::stable_sort(written, [](const Written &x, const Written &y) {
    return std::make_tuple(x.tensor.getAsOpaquePointer(), x.tile, x.begin) <
           std::make_tuple(y.tensor.getAsOpaquePointer(), y.tile, y.begin);
  });
  // `reach` is the range of the current (tensor, tile) group reaching furthest.
  size_t reach = 0;
  for (size_t i = 1; i < written.size(); ++i) {
    const Written &cur = written[i];
    const Written &prev = written[reach];
    if (prev.tensor != cur.tensor || prev.tile != cur.tile) {
      reach = i;
      continue;
    }
    if (cur.begin < prev.end)
      return cur.op->emitOpError()
             << "writes words [" << cur.begin << ", " << cur.end << ") of tensor "
             << tensorName(cur.tensor) << " on tile " << cur.tile << ", overlapping words ["
             << prev.begin << ", " << prev.end << ") written by another op of "
             << phase->getName() << " '"
             << phase->getAttrOfType<StringAttr>("name").getValue() << "'";
    if (cur.end > prev.end)
      reach = i;
  }
  return success();
}
