//===- WaveletEmitter.h - WSE device segments of the schedule ---*- C++ -*-===//
#ifndef ACCEL_TARGET_SCHEDULE_WAVELETEMITTER_H
#define ACCEL_TARGET_SCHEDULE_WAVELETEMITTER_H

#include "accel/Target/Schedule/DeviceSegmentEmitter.h"

#include <memory>

namespace accel {
namespace sim::wse {
struct Program;
} // namespace sim::wse

std::unique_ptr<DeviceSegmentEmitter> createWaveletSegmentEmitter();
/// Whether `module` was lowered to the WSE (holds a wavelet.fabric).
bool wseOwnsModule(mlir::ModuleOp module);
/// Writes a WSE program as the schedule's WaveletProgram table.
flatbuffers::Offset<void> writeWaveletProgram(flatbuffers::FlatBufferBuilder &fbb,
                                              const sim::wse::Program &program);
} // namespace accel

#endif
