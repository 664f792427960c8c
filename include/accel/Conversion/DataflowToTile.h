//===- DataflowToTile.h - The IPU mapping's public entry points -*- C++ -*-===//
#ifndef ACCEL_CONVERSION_DATAFLOWTOTILE_H
#define ACCEL_CONVERSION_DATAFLOWTOTILE_H

#include "mlir/IR/Operation.h"

namespace accel::tile {

/// Whether `convert-dataflow-to-tile` maps `op` (a dataflow op of the entry function)
/// onto tiles: the IPU's legality for `accel-partition=target=ipu`.
bool isMappableOnIPU(mlir::Operation *op);

} // namespace accel::tile

#endif // ACCEL_CONVERSION_DATAFLOWTOTILE_H
