//===- DeviceLaunch.cpp - What every device dialect's launch op checks ----===//
#include "accel/Support/DeviceLaunch.h"

#include "mlir/IR/Diagnostics.h"

using namespace mlir;

LogicalResult accel::verifyLaunchTypes(Operation *launch, FlatSymbolRefAttr name,
                                       TypeRange inputs, TypeRange outputs,
                                       ArrayRef<Type> argTypes, ArrayRef<Type> resultTypes) {
  auto fail = [&]() { return launch->emitOpError(); };
  if (inputs.size() != argTypes.size())
    return fail() << "has " << inputs.size() << " inputs but kernel " << name << " takes "
                  << argTypes.size();
  for (auto [i, type, expected] : llvm::enumerate(inputs, argTypes))
    if (type != expected)
      return fail() << "input #" << i << " has type " << type << " but kernel " << name
                    << " expects " << expected;
  if (outputs.size() != resultTypes.size())
    return fail() << "has " << outputs.size() << " results but kernel " << name
                  << " returns " << resultTypes.size();
  for (auto [i, type, expected] : llvm::enumerate(outputs, resultTypes))
    if (type != expected)
      return fail() << "result #" << i << " has type " << type << " but kernel " << name
                    << " returns " << expected;
  return success();
}
