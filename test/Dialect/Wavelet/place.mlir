// RUN: accel-opt %s --lower-to-wse="grid=2x9" | FileCheck %s
// RUN: accel-opt %s --lower-to-wse="grid=2x8" --verify-diagnostics --split-input-file

// wse-place packs regions bottom-left on a skyline: the one-PE region sits on top of
// nothing in column 1, and the second tall region fits under the fabric edge above it
// (shelf packing, one row of regions as tall as its tallest, needed 2x16 PEs here).
// CHECK: wavelet.region @unary at(0, 0) size(1, 8)
// CHECK: wavelet.region @unary_1 at(1, 0) size(1, 1)
// CHECK: wavelet.region @unary_2 at(1, 1) size(1, 8)
func.func @main(%arg0: tensor<8x4xf32>, %arg1: tensor<1x8xf32>) -> (tensor<8x4xf32>, tensor<1x8xf32>) {
  %0 = dataflow.unary relu %arg0 : tensor<8x4xf32> -> tensor<8x4xf32>
  %1 = dataflow.unary neg %arg1 : tensor<1x8xf32> -> tensor<1x8xf32>
  // expected-error @+1 {{the model does not fit the fabric: region 'unary_2' needs 1x8 PEs, but after 2 regions (9 PEs) the 2x8 fabric has no room left}}
  %2 = dataflow.unary exp %0 : tensor<8x4xf32> -> tensor<8x4xf32>
  return %2, %1 : tensor<8x4xf32>, tensor<1x8xf32>
}
