//===- PartitionHooks.cpp - How the IPU takes part in accel-partition -----===//
//
// The IPU groups each run of consecutive device ops into one tile.kernel: like one
// Poplar graph, the kernel keeps activations in tile memory between its layers and moves
// them between tiles by exchanges; only the run's inputs and outputs cross the host link.
//
//===----------------------------------------------------------------------===//
#include "accel/Conversion/DataflowToTile.h"
#include "accel/Conversion/Partition.h"
#include "accel/Dialect/Tile/IR/Tile.h"

using namespace mlir;

namespace {

Block *ipuKernelBlock(ModuleOp module) {
  auto ipus = module.getOps<accel::tile::IpuOp>();
  if (ipus.empty()) {
    module.emitError("no tile.ipu to hold the device kernels; run ipu-create-device first "
                     "(it is part of --lower-to-ipu)");
    return nullptr;
  }
  return &(*ipus.begin()).getBody().front();
}

Block *ipuCreateKernel(OpBuilder &b, Location loc, StringRef name, FunctionType type) {
  auto kernel = accel::tile::KernelOp::create(b, loc, name, type, StringAttr(), ArrayAttr(),
                                              ArrayAttr(), IntegerAttr());
  Block *body = &kernel.getBody().emplaceBlock();
  for (Type input : type.getInputs())
    body->addArgument(input, loc);
  return body;
}

ValueRange ipuCreateLaunch(OpBuilder &b, Location loc, StringRef name, ValueRange args,
                           TypeRange results) {
  auto launch = accel::tile::LaunchOp::create(
      b, loc, results, FlatSymbolRefAttr::get(b.getContext(), name), args);
  return launch.getOutputs();
}

void ipuFinishKernel(OpBuilder &b, Location loc, ValueRange results) {
  accel::tile::OutputsOp::create(b, loc, results);
}

} // namespace

const accel::PartitionHooks &accel::ipuPartitionHooks() {
  static const PartitionHooks hooks = {accel::tile::isMappableOnIPU, ipuKernelBlock,
                                       ipuCreateKernel, ipuCreateLaunch,
                                       /*groupConsecutive=*/true, ipuFinishKernel};
  return hooks;
}
