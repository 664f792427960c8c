//===- Tile.h - the tile dialect (Graphcore IPU) ----------------*- C++ -*-===//
//
// Everything a user of the tile dialect needs: the dialect, its enums, attributes,
// types and ops. The ops map 1:1 onto include/accel/Sim/IPU/Program.h.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_TILE_IR_TILE_H
#define ACCEL_DIALECT_TILE_IR_TILE_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

#include <utility>

namespace accel::tile {

/// One dim of a view: (size, stride in elements), as in Program.h View::dims.
using ViewDim = std::pair<int64_t, int64_t>;

/// Parses an f32 attribute parameter (the view's padding value).
mlir::FailureOr<llvm::APFloat> parseF32Parameter(mlir::AsmParser &parser);

/// Parses / prints the dims of a view: `[[size, stride], ...]`.
mlir::FailureOr<llvm::SmallVector<ViewDim>> parseViewDims(mlir::AsmParser &parser);
void printViewDims(mlir::AsmPrinter &printer, llvm::ArrayRef<ViewDim> dims);

} // namespace accel::tile

#include "accel/Dialect/Tile/IR/TileDialect.h.inc"
#include "accel/Dialect/Tile/IR/TileEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "accel/Dialect/Tile/IR/TileAttrs.h.inc"

#define GET_TYPEDEF_CLASSES
#include "accel/Dialect/Tile/IR/TileTypes.h.inc"

#define GET_OP_CLASSES
#include "accel/Dialect/Tile/IR/TileOps.h.inc"

#endif // ACCEL_DIALECT_TILE_IR_TILE_H
