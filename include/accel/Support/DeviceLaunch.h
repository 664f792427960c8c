//===- DeviceLaunch.h - What every device dialect's launch op checks -*- C++ -*-===//
//
// A device dialect (wavelet, tile, ...) has a kernel op inside its anchor op and a launch
// op in the host function. Finding the launched kernel and checking the call's types is
// the same for all of them; the dialects' verifySymbolUses call these.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SUPPORT_DEVICELAUNCH_H
#define ACCEL_SUPPORT_DEVICELAUNCH_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/SymbolTable.h"

namespace accel {

/// The kernel `name` inside an `AnchorOp` of any symbol table enclosing `launch` (the
/// anchor sits next to the host program), or null.
template <typename AnchorOp, typename KernelOp>
KernelOp lookupLaunchedKernel(mlir::Operation *launch, mlir::SymbolTableCollection &symbols,
                              mlir::FlatSymbolRefAttr name) {
  KernelOp kernel;
  for (mlir::Operation *scope = launch->getParentOp(); scope && !kernel;
       scope = scope->getParentOp()) {
    if (!scope->hasTrait<mlir::OpTrait::SymbolTable>())
      continue;
    for (mlir::Region &region : scope->getRegions())
      for (mlir::Block &block : region)
        for (auto anchor : block.getOps<AnchorOp>())
          if (!kernel)
            kernel = symbols.lookupSymbolIn<KernelOp>(anchor, name);
  }
  return kernel;
}

/// Checks a launch's operand and result types against the kernel's signature.
mlir::LogicalResult verifyLaunchTypes(mlir::Operation *launch, mlir::FlatSymbolRefAttr name,
                                      mlir::TypeRange inputs, mlir::TypeRange outputs,
                                      llvm::ArrayRef<mlir::Type> argTypes,
                                      llvm::ArrayRef<mlir::Type> resultTypes);

} // namespace accel

#endif // ACCEL_SUPPORT_DEVICELAUNCH_H
