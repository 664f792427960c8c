// RUN: accel-opt %s --split-input-file --lower-to-wse="grid=64x64" | FileCheck %s

// A depthwise convolution (groups = channels) runs on the device, one PE region per group.
// CHECK-LABEL: wavelet.kernel @conv
// CHECK:         wavelet.region @conv_g0 at
// CHECK-SAME:      kind = "gemm"
// CHECK:         wavelet.region @conv_g31 at
// CHECK-NOT:     wavelet.region
// CHECK:       host.program
// CHECK-NOT:     dataflow.conv
// CHECK:         wavelet.launch @conv
func.func @main(%arg0: tensor<1x32x6x6xf32>) -> tensor<1x32x6x6xf32> {
  %w = dataflow.constant dense<0.5> : tensor<32x1x3x3xf32>
  %0 = dataflow.conv %arg0, %w {groups = 32 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x32x6x6xf32>, tensor<32x1x3x3xf32>) -> tensor<1x32x6x6xf32>
  return %0 : tensor<1x32x6x6xf32>
}

// -----

// More than 4096 groups stay in the host segment.
// CHECK-NOT:   wavelet.region
// CHECK:       host.program
// CHECK:         dataflow.conv
func.func @main(%arg0: tensor<1x4097x1x1xf32>) -> tensor<1x4097x1x1xf32> {
  %w = dataflow.constant dense<0.5> : tensor<4097x1x1x1xf32>
  %0 = dataflow.conv %arg0, %w {groups = 4097 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x4097x1x1xf32>, tensor<4097x1x1x1xf32>) -> tensor<1x4097x1x1xf32>
  return %0 : tensor<1x4097x1x1xf32>
}
