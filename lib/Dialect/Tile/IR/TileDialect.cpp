//===- TileDialect.cpp - tile dialect registration ------------------------===//

#include "accel/Dialect/Tile/IR/Tile.h"

using namespace mlir;
using namespace accel::tile;

#include "accel/Dialect/Tile/IR/TileDialect.cpp.inc"
#include "accel/Dialect/Tile/IR/TileEnums.cpp.inc"

void TileDialect::initialize() {
  registerAttributes();
  registerTypes();
  addOperations<
#define GET_OP_LIST
#include "accel/Dialect/Tile/IR/TileOps.cpp.inc"
      >();
}
