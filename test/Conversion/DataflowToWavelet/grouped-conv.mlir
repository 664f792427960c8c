// RUN: accel-opt %s --split-input-file --lower-to-wse="grid=64x64" | FileCheck %s

// A depthwise convolution (groups = channels) runs on the device in its own kernel: one
// channel per PE (DepthwiseMapping.cpp), not a GEMM region per group.
// CHECK-LABEL: wavelet.kernel @conv
// CHECK:         wavelet.region @conv at
// CHECK-SAME:      kind = "depthwise"
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

// A grouped convolution that is not depthwise gets GEMM regions per group (here each split
// once more over output columns: _w0, _w1).
// CHECK-LABEL: wavelet.kernel @conv
// CHECK:         wavelet.region @conv_g0_w0 at
// CHECK-SAME:      kind = "gemm"
// CHECK:         wavelet.region @conv_g1_w0 at
// CHECK-SAME:      kind = "gemm"
func.func @main(%arg0: tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32> {
  %w = dataflow.constant dense<0.5> : tensor<4x2x3x3xf32>
  %0 = dataflow.conv %arg0, %w {groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x4x6x6xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

// More than 64 groups of more than one channel stay in the host segment.
// CHECK-LABEL: wavelet.fabric
// CHECK-NEXT:  {{^  }}}
// CHECK-NEXT:  host.program
// CHECK:         dataflow.conv
func.func @main(%arg0: tensor<1x130x1x1xf32>) -> tensor<1x130x1x1xf32> {
  %w = dataflow.constant dense<0.5> : tensor<130x2x1x1xf32>
  %0 = dataflow.conv %arg0, %w {groups = 65 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x130x1x1xf32>, tensor<130x2x1x1xf32>) -> tensor<1x130x1x1xf32>
  return %0 : tensor<1x130x1x1xf32>
}
