//===- TileVerify.h - checks shared by the tile op verifiers -----*- C++ -*-===//
#ifndef ACCEL_LIB_DIALECT_TILE_IR_TILEVERIFY_H
#define ACCEL_LIB_DIALECT_TILE_IR_TILEVERIFY_H

#include "accel/Dialect/Tile/IR/Tile.h"

namespace accel::tile::detail {

/// `tile` is a tile of the enclosing ipu (no ipu: only tile >= 0 is checked). `what`
/// starts the message ("tile ", "source tile ").
mlir::LogicalResult verifyTile(mlir::Operation *op, llvm::StringRef what, int64_t tile);

/// Words [offset, offset + len) of tile tensor `tensor` on `tile`: the tensor lives on
/// the tile, len >= 1, offset >= 0 and the range lies inside the tensor. `role` (may be
/// empty) names the operand in messages.
mlir::LogicalResult verifyTileSlice(mlir::Operation *op, llvm::StringRef role,
                                    mlir::Value tensor, int64_t tile, int64_t offset,
                                    int64_t len);

/// The name of the tile tensor `value` is (its tile.tensor's name), for diagnostics.
std::string tensorName(mlir::Value value);

/// Whether `op` is a program step (compute_set, sync, exchange, host_exchange, repeat).
bool isStep(mlir::Operation *op);

/// A step's `layer` index (may be null) names one of its kernel's layers.
mlir::LogicalResult verifyLayer(mlir::Operation *step, mlir::IntegerAttr layer);

/// Half-open word range [begin, end) written on one tile of one tensor, for the
/// destination-overlap checks of exchanges and host exchanges.
struct Written {
  mlir::Value tensor;
  int64_t tile, begin, end;
  mlir::Operation *op;
};

/// No two ranges of `written` overlap (same tensor and tile); reported on the op whose range starts later.
mlir::LogicalResult verifyDisjoint(mlir::Operation *phase,
                                   llvm::SmallVectorImpl<Written> &written);

} // namespace accel::tile::detail

#endif // ACCEL_LIB_DIALECT_TILE_IR_TILEVERIFY_H
