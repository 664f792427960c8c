//===- HostOps.cpp - host.program -----------------------------------------===//
#include "accel/Dialect/Host/IR/Host.h"

using namespace mlir;
using namespace accel::host;

#define GET_OP_CLASSES
#include "accel/Dialect/Host/IR/HostOps.cpp.inc"

func::FuncOp ProgramOp::getEntry() {
  for (Operation &op : getBody().front())
    if (auto func = dyn_cast<func::FuncOp>(op))
      return func;
  return nullptr;
}

LogicalResult ProgramOp::verify() {
  // The runtime executes one straight-line function; anything else in the program would
  // be silently ignored by the schedule emitter, so it is rejected here.
  unsigned numFuncs = 0;
  for (Operation &op : getBody().front()) {
    auto func = dyn_cast<func::FuncOp>(op);
    if (!func)
      return op.emitOpError("is not allowed in a host.program; it holds exactly one "
                            "func.func");
    ++numFuncs;
    if (func.isExternal())
      return func.emitOpError("in a host.program must have a body");
    if (!func.getBody().hasOneBlock())
      return func.emitOpError("in a host.program must have a single block (no control "
                              "flow)");
  }
  if (numFuncs != 1)
    return emitOpError("must hold exactly one func.func, found ") << numFuncs;
  if (getPreset() != "cpu")
    return emitOpError("unknown host preset '") << getPreset() << "'; expected 'cpu'";
  return success();
}
