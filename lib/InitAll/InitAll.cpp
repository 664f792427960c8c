//===- InitAll.cpp - register every Accel dialect and pass ----------------===//

#include "accel/InitAll.h"

#include "accel/Dialect/Dataflow/IR/Dataflow.h"
#include "accel/Dialect/Dataflow/Transforms/Passes.h"
#include "accel/Conversion/Partition.h"
#include "accel/Conversion/Passes.h"
#include "accel/Dialect/Host/IR/Host.h"
#include "accel/Dialect/Tile/IR/Tile.h"
#include "accel/Dialect/Tile/Transforms/Passes.h"
#include "accel/Dialect/Wavelet/IR/Wavelet.h"
#include "accel/Pipelines/Pipelines.h"
#include "accel/Dialect/Wavelet/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Transforms/Passes.h"

void accel::registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<mlir::func::FuncDialect, accel::dataflow::DataflowDialect,
                  accel::host::HostDialect, accel::wavelet::WaveletDialect,
                  accel::tile::TileDialect>();
  // Device targets' per-op legality, attached to dataflow ops as external models.
  accel::wavelet::registerWSEMappableExternalModels(registry);
}

void accel::registerAllPasses() {
  // Upstream passes that are useful on dataflow IR (canonicalize, cse, ...).
  mlir::registerTransformsPasses();
  accel::dataflow::registerDataflowPasses();
  accel::registerAccelConversionPasses();
  accel::wavelet::registerWaveletPasses();
  accel::tile::registerTilePasses();
  accel::registerPipelines();
}
