//===- Partition.h - Per-target hooks of the partition pass -----*- C++ -*-===//
//
// `--accel-partition=target=<t>` is one pass for every device target; what differs per
// target is which ops its device can run and how a kernel and its launch are spelled in
// its dialect. Each device target fills one PartitionHooks (lookupPartitionHooks has the
// table).
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_CONVERSION_PARTITION_H
#define ACCEL_CONVERSION_PARTITION_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringRef.h"

namespace accel {

struct PartitionHooks {
  /// Whether the device can run `op` (a dataflow op of the entry function).
  bool (*isLegal)(mlir::Operation *op);
  /// The block of the module's anchor op that kernels go into; nullptr (with a
  /// diagnostic) when the module has no anchor yet.
  mlir::Block *(*kernelBlock)(mlir::ModuleOp module);
  /// Creates a kernel `name` of `type` at the builder's point; returns its entry block.
  mlir::Block *(*createKernel)(mlir::OpBuilder &b, mlir::Location loc, llvm::StringRef name,
                               mlir::FunctionType type);
  /// Creates the launch of kernel `name` with `args`; returns its results.
  mlir::ValueRange (*createLaunch)(mlir::OpBuilder &b, mlir::Location loc,
                                   llvm::StringRef name, mlir::ValueRange args,
                                   mlir::TypeRange results);
  /// One kernel per device op (false), or one kernel per run of consecutive device ops
  /// (true: the device keeps activations in its own memory between the run's layers, as
  /// one Poplar graph does on the IPU).
  bool groupConsecutive = false;
  /// When set, called at the end of a new kernel's body with the values it returns (in
  /// result order); targets whose kernels have no terminator record them there.
  void (*finishKernel)(mlir::OpBuilder &b, mlir::Location loc, mlir::ValueRange results) =
      nullptr;
};

/// The hooks of device target `target`, or nullptr.
const PartitionHooks *lookupPartitionHooks(llvm::StringRef target);

/// The WSE target's hooks (lib/Conversion/DataflowToWavelet).
const PartitionHooks &wsePartitionHooks();

/// The IPU target's hooks (lib/Conversion/DataflowToTile).
const PartitionHooks &ipuPartitionHooks();

namespace wavelet {
/// Attaches the WSE's legality (WSEMappableOpInterface) to the dataflow ops it maps.
void registerWSEMappableExternalModels(mlir::DialectRegistry &registry);
} // namespace wavelet

} // namespace accel

#endif // ACCEL_CONVERSION_PARTITION_H
