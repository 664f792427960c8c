//===- TileTypes.cpp - !tile.tensor ---------------------------------------===//

#include "accel/Dialect/Tile/IR/Tile.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace accel::tile;

#define GET_TYPEDEF_CLASSES
#include "accel/Dialect/Tile/IR/TileTypes.cpp.inc"

void TileDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "accel/Dialect/Tile/IR/TileTypes.cpp.inc"
      >();
}

LogicalResult TileTensorType::verify(function_ref<InFlightDiagnostic()> emitError,
                                     int64_t words) {
  if (words < 1)
    return emitError() << "tile tensor must have at least 1 word, got " << words;
  return success();
}
