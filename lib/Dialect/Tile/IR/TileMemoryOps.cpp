//===- TileMemoryOps.cpp - tensor, init -----------------------------------===//
//
// Verifiers of the declarations of a kernel: its tile tensors (which tiles, where in
// tile memory) and their constant contents.
//
//===----------------------------------------------------------------------===//

#include "TileVerify.h"

using namespace mlir;
using namespace accel::tile;
using namespace accel::tile::detail;

bool TensorOp::livesOn(int64_t tile) {
  ArrayRef<int64_t> tiles = getTiles();
  return std::binary_search(tiles.begin(), tiles.end(), tile);
}

LogicalResult TensorOp::verify() {
  ArrayRef<int64_t> tiles = getTiles();
  if (tiles.empty())
    return emitOpError("must live on at least one tile");
  for (auto [i, tile] : llvm::enumerate(tiles)) {
    if (failed(verifyTile(*this, "tile ", tile)))
      return failure();
    if (i > 0 && tile <= tiles[i - 1])
      return emitOpError("tiles must be strictly increasing, got ")
             << tiles[i - 1] << " then " << tile;
  }
  if (!getOffsetAttr())
    return success();
  int64_t offset = getOffsetAttr().getInt();
  if (offset < 0)
    return emitOpError("offset must be non-negative, got ") << offset;
  IpuOp ipu = IpuOp::getEnclosing(*this);
  if (!ipu)
    return success();
  int64_t limit = ipu.getMemoryWords();
  if (offset + getWords() > limit)
    return emitOpError("occupies words [")
           << offset << ", " << offset + getWords() << ") beyond the " << limit
           << " words of tile memory (memory_bytes " << ipu.getMemoryBytesAttr().getInt()
           << ")";
  return success();
}

LogicalResult InitOp::verify() {
  ArrayRef<int64_t> slice = getSlice();
  int64_t tile = getTileAttr().getInt();
  if (failed(verifyTile(*this, "tile ", tile)) ||
      failed(verifyTileSlice(*this, "", getTensor(), tile, slice[0], slice[1])))
    return failure();
  int64_t elements = getView().getNumElements();
  if (elements != slice[1])
    return emitOpError("slice length ")
           << slice[1] << " does not match the view's " << elements << " elements";
  return success();
}
