// RUN: accel-opt %s --dataflow-fold-batchnorm --split-input-file --mlir-print-debuginfo | FileCheck %s

// conv(x, W, b) * s + a  ->  conv(x, W * s, b * s + a), one fused location.
// W = [1, 2], b = [0.5, 0.25], s = [2, 3], a = [1, -1]
//   -> W' = [2, 6] (0x40000000, 0x40C00000), b' = [2, -0.25] (0x40000000, 0xBE800000).
// CHECK-LABEL: func.func @mul_add
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x1x4x4xf32>
// CHECK-DAG: %[[W:.*]] = dataflow.constant dense_resource<conv_w_folded> : tensor<2x1x1x1xf32>
// CHECK-DAG: %[[B:.*]] = dataflow.constant dense_resource<conv_b_folded{{.*}}> : tensor<2xf32>
// CHECK: %[[Y:.*]] = dataflow.conv %[[X]], %[[W]], %[[B]] {{.*}} -> tensor<1x2x4x4xf32> loc(#[[FUSED:[^)]*]])
// CHECK-NEXT: return %[[Y]]
// CHECK-NOT: dataflow.binary
// CHECK-DAG: #[[CONV:.*]] = loc("conv")
// CHECK-DAG: #[[MUL:.*]] = loc("bn_mul")
// CHECK-DAG: #[[ADD:.*]] = loc("bn_add")
// CHECK-DAG: #[[FUSED]] = loc(fused[#[[CONV]], #[[MUL]], #[[ADD]]])
// CHECK: conv_w_folded: "0x04000000000000400000C040"
// CHECK-NEXT: conv_b_folded{{.*}}: "0x0400000000000040000080BE"
func.func @mul_add(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = dataflow.constant dense_resource<conv_w> : tensor<2x1x1x1xf32>
  %b = dataflow.constant dense_resource<conv_b> : tensor<2xf32>
  %s = dataflow.constant dense<[[[2.0]], [[3.0]]]> : tensor<2x1x1xf32>
  %a = dataflow.constant dense<[[[[1.0]], [[-1.0]]]]> : tensor<1x2x1x1xf32>
  %y = dataflow.conv %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32> loc("conv")
  %m = dataflow.binary mul %y, %s : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32> loc("bn_mul")
  // The constant may be either operand.
  %r = dataflow.binary add %a, %m : (tensor<1x2x1x1xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> loc("bn_add")
  return %r : tensor<1x2x4x4xf32>
}
{-#
  dialect_resources: {
    builtin: {
      conv_w: "0x040000000000803F00000040",
      conv_b: "0x040000000000003F0000803E"
    }
  }
#-}

// -----

// A conv without bias and a scalar factor: only the weights change.
// W = [1, 2, 3, 4] (2x2x1x1) * 0.5 -> [0.5, 1, 1.5, 2].
// CHECK-LABEL: func.func @mul_scalar_no_bias
// CHECK: %[[W:.*]] = dataflow.constant dense_resource<folded_weight> : tensor<2x2x1x1xf32>
// CHECK-NEXT: %[[Y:.*]] = dataflow.conv %{{[^,]*}}, %[[W]] {
// CHECK-NEXT: return %[[Y]]
// CHECK: folded_weight: "0x040000000000003F0000803F0000C03F00000040"
func.func @mul_scalar_no_bias(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = dataflow.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %s = dataflow.constant dense<0.5> : tensor<1xf32>
  %y = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %m = dataflow.binary mul %s, %y : (tensor<1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %m : tensor<1x2x3x3xf32>
}

// -----

// An add after a conv without bias becomes the bias; the weights are untouched.
// CHECK-LABEL: func.func @add_becomes_bias
// CHECK-DAG: %[[W:.*]] = dataflow.constant dense<1.000000e+00> : tensor<3x1x1x1xf32>
// CHECK-DAG: %[[B:.*]] = dataflow.constant dense_resource<folded_bias> : tensor<3xf32>
// CHECK: %[[Y:.*]] = dataflow.conv %{{[^,]*}}, %[[W]], %[[B]]
// CHECK-NEXT: return %[[Y]]
// CHECK: folded_bias: "0x040000000000803F0000004000004040"
func.func @add_becomes_bias(%x: tensor<1x1x2x2xf32>) -> tensor<1x3x2x2xf32> {
  %w = dataflow.constant dense<1.0> : tensor<3x1x1x1xf32>
  %a = dataflow.constant dense<[[[1.0]], [[2.0]], [[3.0]]]> : tensor<3x1x1xf32>
  %y = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x2x2xf32>, tensor<3x1x1x1xf32>) -> tensor<1x3x2x2xf32>
  %r = dataflow.binary add %y, %a : (tensor<1x3x2x2xf32>, tensor<3x1x1xf32>) -> tensor<1x3x2x2xf32>
  return %r : tensor<1x3x2x2xf32>
}

// -----

// Negative cases: nothing folds.
// CHECK-LABEL: func.func @no_fold
// CHECK: dataflow.conv
// CHECK: dataflow.binary mul
// CHECK: dataflow.conv
// CHECK: dataflow.binary mul
// CHECK: dataflow.conv
// CHECK: dataflow.binary mul
// CHECK: dataflow.conv
// CHECK: dataflow.binary mul
// CHECK: dataflow.conv
// CHECK: dataflow.binary sub
// CHECK-NOT: dense_resource
func.func @no_fold(%x: tensor<1x2x3x3xf32>, %dyn_w: tensor<2x2x1x1xf32>, %dyn_s: tensor<2x1x1xf32>)
    -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %w = dataflow.constant dense<1.0> : tensor<2x2x1x1xf32>
  %s = dataflow.constant dense<[[[2.0]], [[3.0]]]> : tensor<2x1x1xf32>
  // The conv result has another use.
  %y0 = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %m0 = dataflow.binary mul %y0, %s : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
  // The factor varies along the width, not the channels.
  %y1 = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %sw = dataflow.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %m1 = dataflow.binary mul %y1, %sw : (tensor<1x2x3x3xf32>, tensor<3xf32>) -> tensor<1x2x3x3xf32>
  // The weights are not constant.
  %y2 = dataflow.conv %x, %dyn_w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %m2 = dataflow.binary mul %y2, %s : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
  // The factor is not constant.
  %y3 = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %m3 = dataflow.binary mul %y3, %dyn_s : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
  // Not a mul or add.
  %y4 = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %m4 = dataflow.binary sub %y4, %s : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
  return %y0, %m0, %m1, %m2, %m3, %m4 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}
