//===- HostDialect.cpp - The host target dialect --------------------------===//
#include "accel/Dialect/Host/IR/Host.h"

using namespace mlir;
using namespace accel::host;

#include "accel/Dialect/Host/IR/HostDialect.cpp.inc"

void HostDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "accel/Dialect/Host/IR/HostOps.cpp.inc"
      >();
}
