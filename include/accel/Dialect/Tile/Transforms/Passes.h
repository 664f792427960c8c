//===- Passes.h - tile (IPU) passes -----------------------------*- C++ -*-===//
#ifndef ACCEL_DIALECT_TILE_TRANSFORMS_PASSES_H
#define ACCEL_DIALECT_TILE_TRANSFORMS_PASSES_H

#include "accel/Dialect/Tile/IR/Tile.h"
#include "mlir/Pass/Pass.h"

namespace accel::tile {

#define GEN_PASS_DECL
#include "accel/Dialect/Tile/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "accel/Dialect/Tile/Transforms/Passes.h.inc"

} // namespace accel::tile

#endif // ACCEL_DIALECT_TILE_TRANSFORMS_PASSES_H
