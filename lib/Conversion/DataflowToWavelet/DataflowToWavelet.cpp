//===- DataflowToWavelet.cpp - Map device kernels onto PE regions ---------===//
//
// A dialect conversion whose target makes every dataflow op inside a wavelet.kernel
// illegal (the host ops of the entry function stay legal): each op family has its
// mapping pattern (GemmMapping.cpp, ElementwiseMapping.cpp). An op the partition pass
// outlined but no pattern maps is an error, not a silent host fallback.
//
//===----------------------------------------------------------------------===//
#include "MappingUtils.h"

#include "accel/Conversion/Partition.h"
#include "accel/Conversion/Passes.h"
#include "accel/Dialect/Dataflow/IR/Dataflow.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace accel {
#define GEN_PASS_DEF_CONVERTDATAFLOWTOWAVELET
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace {

struct ConvertDataflowToWaveletPass
    : accel::impl::ConvertDataflowToWaveletBase<ConvertDataflowToWaveletPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    target.addLegalDialect<accel::wavelet::WaveletDialect>();
    target.addDynamicallyLegalDialect<accel::dataflow::DataflowDialect>(
        [](Operation *op) { return !op->getParentOfType<accel::wavelet::KernelOp>(); });
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(ctx);
    accel::wavelet::populateGemmMappingPatterns(patterns);
    accel::wavelet::populateElementwiseMappingPatterns(patterns);
    accel::wavelet::populateRowwiseMappingPatterns(patterns);
    accel::wavelet::populateDepthwiseMappingPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target, std::move(patterns))))
      signalPassFailure();
  }
};

// The WSE's partition hooks: which ops the mapping patterns can take, and how a kernel
// and its launch are written in the wavelet dialect.
bool wseIsLegal(Operation *op) {
  auto mappable = dyn_cast<accel::wavelet::WSEMappableOpInterface>(op);
  return mappable && mappable.isMappableOnWSE();
}

Block *wseKernelBlock(ModuleOp module) {
  auto fabrics = module.getOps<accel::wavelet::FabricOp>();
  if (fabrics.empty()) {
    module.emitError("no wavelet.fabric to hold the device kernels; run wse-create-fabric "
                     "first (it is part of --lower-to-wse)");
    return nullptr;
  }
  return &(*fabrics.begin()).getBody().front();
}

Block *wseCreateKernel(OpBuilder &b, Location loc, StringRef name, FunctionType type) {
  auto kernel = accel::wavelet::KernelOp::create(b, loc, name, type, StringAttr(), ArrayAttr(),
                                                 ArrayAttr(), IntegerAttr());
  Block *body = &kernel.getBody().emplaceBlock();
  for (Type input : type.getInputs())
    body->addArgument(input, loc);
  return body;
}

ValueRange wseCreateLaunch(OpBuilder &b, Location loc, StringRef name, ValueRange args,
                           TypeRange results) {
  auto launch = accel::wavelet::LaunchOp::create(
      b, loc, results, FlatSymbolRefAttr::get(b.getContext(), name), args);
  return launch.getOutputs();
}

} // namespace

const accel::PartitionHooks &accel::wsePartitionHooks() {
  static const PartitionHooks hooks = {wseIsLegal, wseKernelBlock, wseCreateKernel,
                                       wseCreateLaunch};
  return hooks;
}
