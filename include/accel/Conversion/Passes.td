#ifndef ACCEL_CONVERSION_PASSES_TD
#define ACCEL_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertDataflowToHost : Pass<"convert-dataflow-to-host", "mlir::ModuleOp"> {
  let summary = "Place the model's dataflow function on the CPU host target";
  let description = [{
    Checks that every op of the entry function has a host kernel and wraps the function in
    a `host.program` anchor op carrying the device preset. Ops without a host kernel are
    reported (all of them, with their locations) and the pass fails.

    ```mlir
    // before
    func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> { ... }
    // after
    host.program preset("cpu") {
      func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> { ... }
    }
    ```
  }];
  let options = [
    Option<"entry", "entry", "std::string", /*default=*/"\"main\"",
           "Name of the function to place on the host">,
    Option<"preset", "preset", "std::string", /*default=*/"\"cpu\"",
           "Host device preset">,
    ListOption<"deviceLaunches", "device-launches", "std::string",
               "Ops that launch device kernels and stay in the host program "
               "(e.g. wavelet.launch)">,
  ];
  let dependentDialects = ["::accel::host::HostDialect"];
}

def AccelPartition : Pass<"accel-partition", "mlir::ModuleOp"> {
  let summary = "Split the entry function into device kernels and host ops";
  let description = [{
    Asks the target's legality hook, op by op, whether a `dataflow` op of the entry
    function can run on the device. Each device op is outlined into a kernel of the
    target's dialect (for `wse`, a `wavelet.kernel` inside the `wavelet.fabric` anchor)
    and replaced by a launch of it; every other op stays in the function and runs on the
    host. The schedule emitter turns consecutive launches into one device segment and the
    runtime pays the host-link transfer for every tensor that crosses.

    ```mlir
    // before (target wse)
    %y = dataflow.matmul %x, %w : (tensor<1x64xf32>, tensor<64x10xf32>) -> tensor<1x10xf32>
    // after
    %y = wavelet.launch @fc(%x, %w) : (tensor<1x64xf32>, tensor<64x10xf32>) -> tensor<1x10xf32>
    wavelet.fabric ... {
      wavelet.kernel @fc(%arg0: tensor<1x64xf32>, %arg1: tensor<64x10xf32>) -> tensor<1x10xf32> {
        %0 = dataflow.matmul %arg0, %arg1 : ...
      }
    }
    ```
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"\"",
           "Device target whose legality hook decides (wse)">,
    Option<"entry", "entry", "std::string", /*default=*/"\"main\"",
           "Name of the function to partition">,
  ];
}

def ConvertDataflowToWavelet : Pass<"convert-dataflow-to-wavelet", "mlir::ModuleOp"> {
  let summary = "Map each device kernel's dataflow op onto a rectangle of WSE PEs";
  let description = [{
    The WSE mapping step (docs/targets/wse.md). For every `wavelet.kernel` the pass
    chooses the algorithm and the PE rectangle: convolution and matrix multiplication
    (with a constant weight) as a weight-stationary GEMM (weight blocks resident in PE
    memory, activation rows multicast east along PE rows, partial sums chained south,
    instances side by side splitting the rows); elementwise ops as PE-local streaming.
    It replaces the `dataflow` op by a `wavelet.region` holding the PE buffers, their
    initialisation from the weights and the streams in and out of the region, plus a
    `plan` attribute the later passes read. Colors are the region's logical channels
    until `wse-route` assigns physical ones. A layer that cannot fit one PE's memory
    is a diagnostic naming the layer, its need and the limit.
  }];
  let dependentDialects = ["::accel::wavelet::WaveletDialect"];
}


def ConvertDataflowToTile : Pass<"convert-dataflow-to-tile", "mlir::ModuleOp"> {
  let summary = "Map each IPU kernel's dataflow ops onto tiles: tensors, compute sets, exchanges";
  let description = [{
    The IPU mapping step (docs/targets/ipu.md). A `tile.kernel` holds a run of
    consecutive device ops of the model (the partition pass groups them, so activations
    stay in tile memory between layers). Op by op, in program order, the pass chooses a
    tile mapping for the op's result (which flat elements live on which tile) and the
    work split: matrix products and convolutions by the planner (parallel splits of
    batch, rows/field, output and input channels over tiles, chosen by modelled cycles
    under the per-tile memory limit, partial sums reduced on the tiles that own the
    output); elementwise, normalisation, pooling and data movement ops by tensor
    mapping. Operands not already on the tile that needs them arrive by `tile.exchange`
    (the only way data moves between tiles); weights are laid out by `tile.init`;
    kernel inputs and outputs cross the host link in `tile.host_exchange`s. Every step
    carries the index of its layer (the kernel's `layers`). Tile tensors get no offset
    here: `ipu-allocate-memory` places them.
  }];
  let dependentDialects = ["::accel::tile::TileDialect"];
}

#endif // ACCEL_CONVERSION_PASSES_TD
