//===- Pipelines.cpp - The --lower-to-<target> pipelines ------------------===//
#include "accel/Pipelines/Pipelines.h"

#include "accel/Conversion/Passes.h"
#include "accel/Dialect/Dataflow/Transforms/Passes.h"
#include "accel/Dialect/Tile/IR/Tile.h"
#include "accel/Dialect/Tile/Transforms/Passes.h"
#include "accel/Dialect/Wavelet/Transforms/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void accel::buildDataflowOptimizationPipeline(OpPassManager &pm) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addNestedPass<func::FuncOp>(accel::dataflow::createFoldBatchNorm());
  pm.addPass(createCanonicalizerPass());
}

void accel::buildLowerToHostPipeline(OpPassManager &pm, const TargetCompileOptions &options) {
  buildDataflowOptimizationPipeline(pm);
  if (options.fuseEpilogues)
    pm.addNestedPass<func::FuncOp>(accel::dataflow::createFuseEpilogues());
  pm.addPass(accel::createConvertDataflowToHost());
}

void accel::buildLowerToWSEPipeline(OpPassManager &pm, const TargetCompileOptions &options) {
  buildDataflowOptimizationPipeline(pm);
  accel::wavelet::WSECreateFabricOptions fabric;
  fabric.device = options.device;
  fabric.precision = options.precision.empty() ? "fp32" : options.precision;
  pm.addPass(accel::wavelet::createWSECreateFabric(fabric));
  accel::AccelPartitionOptions partition;
  partition.target = "wse";
  pm.addPass(accel::createAccelPartition(partition));
  pm.addPass(accel::createConvertDataflowToWavelet());
  pm.addPass(accel::wavelet::createWSEPlace());
  pm.addPass(accel::wavelet::createWSERoute());
  pm.addPass(accel::wavelet::createWSEAllocateMemory());
  pm.addPass(accel::wavelet::createWSEGenerateTasks());
  accel::ConvertDataflowToHostOptions host;
  host.deviceLaunches = {"wavelet.launch"};
  pm.addPass(accel::createConvertDataflowToHost(host));
}

void accel::buildLowerToIPUPipeline(OpPassManager &pm, const TargetCompileOptions &options) {
  buildDataflowOptimizationPipeline(pm);
  accel::tile::IPUCreateDeviceOptions device;
  device.device = options.device;
  device.precision = options.precision.empty() ? "fp32" : options.precision;
  pm.addPass(accel::tile::createIPUCreateDevice(device));
  accel::AccelPartitionOptions partition;
  partition.target = "ipu";
  pm.addPass(accel::createAccelPartition(partition));
  pm.addPass(accel::createConvertDataflowToTile());
  pm.addPass(accel::tile::createIPUAllocateMemory());
  accel::ConvertDataflowToHostOptions host;
  host.deviceLaunches = {"tile.launch"};
  pm.addPass(accel::createConvertDataflowToHost(host));
}

namespace {
struct WSEPipelineOptions : PassPipelineOptions<WSEPipelineOptions> {
  Option<std::string> device{*this, "device",
                             llvm::cl::desc("Preset and overrides: PRESET[:key=value,...]"),
                             llvm::cl::init("")};
  Option<std::string> grid{*this, "grid",
                           llvm::cl::desc("Fabric rectangle the program may use: WxH"),
                           llvm::cl::init("")};
  Option<std::string> precision{*this, "precision", llvm::cl::desc("fp32 or fp16"),
                                llvm::cl::init("fp32")};
};

struct HostPipelineOptions : PassPipelineOptions<HostPipelineOptions> {
  Option<bool> fuse{*this, "fuse",
                    llvm::cl::desc("Fold elementwise epilogues into conv/matmul (default true)"),
                    llvm::cl::init(true)};
};

struct IPUPipelineOptions : PassPipelineOptions<IPUPipelineOptions> {
  // Empty: the descriptor library's default preset (gc200); `key=value,...` alone
  // overrides it (ipu-create-device).
  Option<std::string> device{
      *this, "device",
      llvm::cl::desc("Preset and overrides: PRESET[:key=value,...] or key=value,... "
                     "(default gc200)"),
      llvm::cl::init("")};
  Option<std::string> precision{*this, "precision", llvm::cl::desc("fp32 or fp16"),
                                llvm::cl::init("fp32")};
};
} // namespace

void accel::registerPipelines() {
  PassPipelineRegistration<WSEPipelineOptions>(
      "lower-to-wse",
      "Lower imported dataflow IR to the Cerebras WSE target (wavelet dialect); options: "
      "device=PRESET[:key=value,...] grid=WxH precision=fp32|fp16",
      [](OpPassManager &pm, const WSEPipelineOptions &o) {
        std::string device = o.device;
        if (!o.grid.empty())
          device += (device.find(':') == std::string::npos ? (device.empty() ? "wse2:" : ":")
                                                           : ",") +
                    std::string("grid=") + o.grid;
        buildLowerToWSEPipeline(pm, TargetCompileOptions{device, o.precision});
      });
  PassPipelineRegistration<IPUPipelineOptions>(
      "lower-to-ipu",
      "Lower imported dataflow IR to the Graphcore IPU target (tile dialect); options: "
      "device=PRESET[:key=value,...] (or key=value,... on gc200) precision=fp32|fp16",
      [](OpPassManager &pm, const IPUPipelineOptions &o) {
        buildLowerToIPUPipeline(pm, TargetCompileOptions{o.device, o.precision});
      });
  PassPipelineRegistration<HostPipelineOptions>(
      "lower-to-host",
      "Lower imported dataflow IR to the CPU host target (host.program); option: "
      "fuse=true|false (fold elementwise epilogues into conv/matmul)",
      [](OpPassManager &pm, const HostPipelineOptions &o) {
        TargetCompileOptions options;
        options.fuseEpilogues = o.fuse;
        buildLowerToHostPipeline(pm, options);
      });
}
