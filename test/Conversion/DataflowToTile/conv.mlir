// RUN: rm -rf %t && split-file %s %t
// RUN: accel-opt %t/bias.mlir --ipu-create-device="device=gc200:tiles=4" --accel-partition=target=ipu --convert-dataflow-to-tile | FileCheck %s --check-prefix=BIAS
// RUN: %python %S/Inputs/host_vs_ipu.py %t/bias.mlir %t/bias --device tiles=4 | FileCheck %s --check-prefix=NUM
// RUN: accel-opt %t/weight-input.mlir --ipu-create-device="device=gc200:tiles=16" --accel-partition=target=ipu --convert-dataflow-to-tile | FileCheck %s --check-prefix=WIN
// RUN: %python %S/Inputs/host_vs_ipu.py %t/weight-input.mlir %t/win --device tiles=16 | FileCheck %s --check-prefix=NUM

// NUM:      OK output_0
// NUM-NEXT: device layers: Conv

// A convolution with a bias on 4 tiles: split in batch (2) and output channels (2). Each
// output channel's weights [1 x 3 x 3] are read by the tiles of both images: stored once,
// 5 + 4 words on two tiles (tile.init, resident), and broadcast whole to both readers in
// the conv's exchange (one transfer, two destinations), with the input slabs. One conv
// vertex per tile on the AMP, then the bias in a compute set of its own: one add vertex
// per channel run, the channel's bias broadcast from one word.

// BIAS:      tile.kernel @conv(
// BIAS-DAG:    tile.init %[[W:[_a-zA-Z0-9.]+]][tile(1), 0:5] from %arg1 view(#tile.view<dims = {{\[\[}}5, 1]]>)
// BIAS-DAG:    tile.init %[[W]][tile(3), 0:4] from %arg1 view(#tile.view<base = 5, dims = {{\[\[}}4, 1]]>)
// BIAS-DAG:    tile.init %[[W]][tile(2), 0:5] from %arg1 view(#tile.view<base = 9, dims = {{\[\[}}5, 1]]>)
// BIAS-DAG:    tile.init %[[W]][tile(0), 0:4] from %arg1 view(#tile.view<base = 14, dims = {{\[\[}}4, 1]]>)
// BIAS-DAG:    tile.init %[[B:[_a-zA-Z0-9.]+]][tile(1), 0:1] from %arg2 view(#tile.view<dims = {{\[\[}}1, 1]]>)
// BIAS-DAG:    tile.init %[[B]][tile(2), 0:1] from %arg2 view(#tile.view<base = 1, dims = {{\[\[}}1, 1]]>)
// BIAS:        tile.exchange "/conv.conv" layer(0) {
// BIAS-NEXT:     tile.transfer %[[W]][tile(1), 0:5] to [%[[WBC:[_a-zA-Z0-9.]+]][tile(1), 0], %{{[_a-zA-Z0-9.]+}}[tile(3), 0]]
// BIAS-NEXT:     tile.transfer %[[W]][tile(3), 0:4] to [%[[WBC]][tile(1), 5], %[[WBC]][tile(3), 5]]
// BIAS-NEXT:     tile.transfer %[[W]][tile(2), 0:5] to [%[[WBC]][tile(2), 0], %[[WBC]][tile(0), 0]]
// BIAS-NEXT:     tile.transfer %[[W]][tile(0), 0:4] to [%[[WBC]][tile(2), 5], %[[WBC]][tile(0), 5]]
// BIAS-NEXT:     tile.transfer %{{.*}}[tile(0), 0:16] to [%[[SLAB:[_a-zA-Z0-9.]+]][tile(1), 0], %{{[_a-zA-Z0-9.]+}}[tile(2), 0]]
// BIAS-NEXT:     tile.transfer %{{.*}}[tile(0), 16:16] to [%[[SLAB]][tile(3), 0]]
// BIAS-NEXT:   }
// BIAS-NEXT:   tile.compute_set "/conv.conv" layer(0) attributes {plan = "batch 2, out-channels 2, rows 1, in-channels 1 over 4 tiles; modelled {{[0-9]+}} cycles"} {
// BIAS-NEXT:     tile.vertex conv tile(1) out(%[[OUT:[_a-zA-Z0-9.]+]][0:16]) a(%[[SLAB]][0:16]) b(%[[WBC]][0:9]) window(#tile.window<c = 1, h = 4, w = 4, oh = 4, ow = 4, kh = 3, kw = 3, ph = 1, pw = 1, cout = 1>)
// BIAS-NEXT:     tile.vertex conv tile(2)
// BIAS-NEXT:     tile.vertex conv tile(3)
// BIAS-NEXT:     tile.vertex conv tile(0)
// BIAS-NEXT:   }
// BIAS-NEXT:   tile.sync layer(0)
// BIAS-NEXT:   tile.compute_set "/conv.bias" layer(0) {
// BIAS-NEXT:     tile.vertex add tile(1) out(%[[OUT]][0:16]) a(%[[OUT]][0:16]) b(%[[B]][0:1])
// BIAS-NEXT:     tile.vertex add tile(2) out(%[[OUT]][0:16]) a(%[[OUT]][0:16]) b(%[[B]][0:1])
// BIAS-NEXT:     tile.vertex add tile(3)
// BIAS-NEXT:     tile.vertex add tile(0)
// BIAS-NEXT:   }
// BIAS-NEXT:   tile.sync layer(0)
// BIAS-NEXT:   tile.host_exchange "outputs"

//--- bias.mlir
func.func @main(%x: tensor<2x1x4x4xf32>) -> tensor<2x2x4x4xf32> {
  %w = dataflow.constant dense<[[[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]], [[[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]]]]> : tensor<2x1x3x3xf32>
  %b = dataflow.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %y = dataflow.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<2x1x4x4xf32>, tensor<2x1x3x3xf32>, tensor<2xf32>) -> tensor<2x2x4x4xf32> loc(fused<"Conv">["/conv", "m.onnx":2:1])
  return %y : tensor<2x2x4x4xf32>
}

// Weights and bias that are not constants (graph inputs, as in the ONNX node tests
// test_basic_conv_*; or computed on the device) are gathered onto each tile by the conv's
// exchange, like the input slabs (no tile.init). Here the input channels are split (a
// reduction step follows): each tile gathers its [co x ci-block x 2 x 2] weights run by run.

// WIN:       tile.kernel @conv(
// WIN-NOT:     tile.init
// WIN:         tile.exchange "/conv.conv" layer(0) {
// WIN:           tile.transfer %input1.host[tile({{[0-9]+}}), {{[0-9]+}}:{{[0-9]+}}] to [%[[WCOPY:.*weights_in]][tile(
// WIN:         tile.compute_set "/conv.conv" layer(0) attributes {plan = {{.*}}} {
// WIN-NEXT:      tile.vertex conv {{.*}} b(%[[WCOPY]][
// WIN:         tile.compute_set "/conv.reduce" layer(0) {
// WIN-NEXT:      tile.vertex sum
// WIN:         tile.exchange "/conv.bias" layer(0) {
// WIN-NEXT:      tile.transfer %input2.host
// WIN:         tile.compute_set "/conv.bias" layer(0) {

//--- weight-input.mlir
func.func @main(%x: tensor<2x64x3x3xf32>, %w: tensor<4x64x2x2xf32>, %b: tensor<4xf32>) -> tensor<2x4x2x2xf32> {
  %y = dataflow.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<2x64x3x3xf32>, tensor<4x64x2x2xf32>, tensor<4xf32>) -> tensor<2x4x2x2xf32> loc(fused<"Conv">["/conv", "m.onnx":2:1])
  return %y : tensor<2x4x2x2xf32>
}
