//===- accel-opt.cpp - the Accel IR optimizer driver ----------------------===//
//
// mlir-opt with Accel's dialects and passes: parses, verifies, runs passes on
// and prints Accel IR. Used by the lit tests and for debugging pipelines.
//
//===----------------------------------------------------------------------===//

#include "accel/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  accel::registerAllDialects(registry);
  accel::registerAllPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Accel optimizer driver\n", registry));
}
