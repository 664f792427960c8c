//===- DeviceSegmentEmitter.h - Per-target part of the schedule emitter -*- C++ -*-===//
//
// The generic emitter (ScheduleEmitter.cpp) walks the host function: dataflow ops become
// host instructions, and each op a device target recognises as a launch is handed to
// that target's DeviceSegmentEmitter, which turns the launched kernel into layers of a
// device segment. Consecutive launches share one segment.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TARGET_SCHEDULE_DEVICESEGMENTEMITTER_H
#define ACCEL_TARGET_SCHEDULE_DEVICESEGMENTEMITTER_H

#include "accel/Schedule/ScheduleWriter.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

namespace accel {

class DeviceSegmentEmitter {
public:
  virtual ~DeviceSegmentEmitter();
  /// Fills the schedule's device descriptor from the module's anchor op.
  virtual mlir::LogicalResult describeDevice(mlir::ModuleOp module,
                                             schedule::DeviceRecord &device) = 0;
  /// Whether `op` (an op of the host function) launches device code of this target.
  virtual bool isLaunch(mlir::Operation *op) const = 0;
  /// Appends what `launch` runs to the open device segment. `operandIds` and `resultIds`
  /// are the schedule tensor ids of the launch's operands and results.
  virtual mlir::LogicalResult addLaunch(mlir::Operation *launch,
                                        llvm::ArrayRef<int32_t> operandIds,
                                        llvm::ArrayRef<int32_t> resultIds) = 0;
  /// Closes the open segment: sets its program type and program builder.
  virtual void finishSegment(schedule::SegmentRecord &segment) = 0;
};

} // namespace accel

#endif // ACCEL_TARGET_SCHEDULE_DEVICESEGMENTEMITTER_H
