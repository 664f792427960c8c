// RUN: accel-opt %s --wse-create-fabric="device=wse2:memory_bytes=2048,code_bytes_per_pe=0 grid=6x16" --accel-partition=target=wse --convert-dataflow-to-wavelet | FileCheck %s --check-prefix=BEFORE
// RUN: accel-opt %s --wse-create-fabric="device=wse2:memory_bytes=2048,code_bytes_per_pe=0 grid=6x16" --accel-partition=target=wse --convert-dataflow-to-wavelet --wse-place | FileCheck %s

// Skyline packing in program order: each region goes where its top edge is lowest (the
// highest occupied row under its columns), leftmost on a tie. The matmul is 2x3 PEs with
// two instances (4 columns, 3 rows); the elementwise columns are 2 PEs tall (2 rows of
// 72, at most 16/8 = 2 PEs).
//   fc     4x3 at (0, 0)  skyline 3 3 3 3 0 0
//   bias   1x2 at (4, 0)  skyline 3 3 3 3 2 0
//   act    1x2 at (5, 0)  skyline 3 3 3 3 2 2
//   shift  1x2 at (4, 2)  (lowest top: 2, leftmost)   skyline 3 3 3 3 4 2
//   scale  1x2 at (5, 2)                               skyline 3 3 3 3 4 4
//   fc2    4x3 at (0, 3)  (x = 0 tops out at 3; x = 1 and 2 at 4)
// (Shelves would have put shift at (0, 3) under the matmul.)
// BEFORE: wavelet.region @fc at(0, 0) size(2, 3) instances(2)
// BEFORE: wavelet.region @bias at(0, 0) size(1, 2)
// CHECK: wavelet.region @fc at(0, 0) size(2, 3) instances(2)
// CHECK: wavelet.region @bias at(4, 0) size(1, 2)
// CHECK: wavelet.region @act at(5, 0) size(1, 2)
// CHECK: wavelet.region @shift at(4, 2) size(1, 2)
// CHECK: wavelet.region @scale at(5, 2) size(1, 2)
// CHECK: wavelet.region @fc2 at(0, 3) size(2, 3) instances(2)
func.func @main(%x: tensor<2x12xf32>) -> (tensor<2x72xf32>, tensor<2x72xf32>) {
  %w = dataflow.constant dense<1.0> : tensor<12x72xf32>
  %y = dataflow.matmul %x, %w : (tensor<2x12xf32>, tensor<12x72xf32>) -> tensor<2x72xf32> loc("fc")
  %b = dataflow.constant dense<0.5> : tensor<72xf32>
  %z = dataflow.binary add %y, %b : (tensor<2x72xf32>, tensor<72xf32>) -> tensor<2x72xf32> loc("bias")
  %r = dataflow.unary relu %z : tensor<2x72xf32> -> tensor<2x72xf32> loc("act")
  %s = dataflow.binary sub %r, %b : (tensor<2x72xf32>, tensor<72xf32>) -> tensor<2x72xf32> loc("shift")
  %m = dataflow.binary mul %s, %b : (tensor<2x72xf32>, tensor<72xf32>) -> tensor<2x72xf32> loc("scale")
  %y2 = dataflow.matmul %x, %w : (tensor<2x12xf32>, tensor<12x72xf32>) -> tensor<2x72xf32> loc("fc2")
  return %m, %y2 : tensor<2x72xf32>, tensor<2x72xf32>
}
