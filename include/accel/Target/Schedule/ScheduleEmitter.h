//===- ScheduleEmitter.h - MLIR to .accel schedule --------------*- C++ -*-===//
#ifndef ACCEL_TARGET_SCHEDULE_SCHEDULEEMITTER_H
#define ACCEL_TARGET_SCHEDULE_SCHEDULEEMITTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <cstdint>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace accel {

class DeviceSegmentEmitter;

struct EmitScheduleOptions {
  /// Free each weight's resource blob as soon as it is copied into the schedule. This
  /// halves peak memory for large models but leaves the module's constants without data:
  /// only for callers that discard the module afterwards (accel-compile).
  bool releaseConstants = false;
};

/// Serializes a module that was lowered to a target (it holds that target's anchor op,
/// e.g. `host.program`) into the FlatBuffers schedule of include/accel/Schedule/Schedule.fbs.
/// Emits diagnostics and fails on anything the schedule cannot express.
/// `deviceEmitter` writes the device segments (nullptr for host-only modules); callers get
/// it from the target registry (accel/Target/TargetRegistry.h: emitScheduleForModule).
mlir::LogicalResult emitSchedule(mlir::ModuleOp module, llvm::raw_ostream &os,
                                 const EmitScheduleOptions &options,
                                 DeviceSegmentEmitter *deviceEmitter);

/// Writes a readable JSON rendering of a schedule file's bytes (constants are summarised,
/// not dumped). Fails with a message in `error` when the bytes are not a valid schedule.
bool printScheduleAsJson(llvm::ArrayRef<uint8_t> bytes, llvm::raw_ostream &os,
                         std::string &error);


} // namespace accel

#endif // ACCEL_TARGET_SCHEDULE_SCHEDULEEMITTER_H
