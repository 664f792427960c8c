//===- TileEmitter.h - IPU device segments of the schedule ------*- C++ -*-===//
#ifndef ACCEL_TARGET_SCHEDULE_TILEEMITTER_H
#define ACCEL_TARGET_SCHEDULE_TILEEMITTER_H

#include "accel/Target/Schedule/DeviceSegmentEmitter.h"

#include <memory>

namespace accel {
namespace sim::ipu {
struct Program;
} // namespace sim::ipu

std::unique_ptr<DeviceSegmentEmitter> createTileSegmentEmitter();
/// Whether `module` was lowered to the IPU (holds a tile.ipu).
bool tileOwnsModule(mlir::ModuleOp module);
/// Writes an IPU program as the schedule's TileProgram table.
flatbuffers::Offset<void> writeTileProgram(flatbuffers::FlatBufferBuilder &fbb,
                                           const sim::ipu::Program &program);
} // namespace accel

#endif
