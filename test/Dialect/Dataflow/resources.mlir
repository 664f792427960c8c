// RUN: accel-opt %s | FileCheck %s
// RUN: accel-opt %s | accel-opt | FileCheck %s
// RUN: accel-opt %s --canonicalize | FileCheck %s --check-prefix=CANON

// Weights stay dense_resource blobs through printing, parsing and folding.

// CHECK-LABEL: func.func @weights
// CHECK: dataflow.constant dense_resource<conv_w> : tensor<2x1x1x1xf32>
// CHECK: dataflow.constant dense_resource<conv_b> : tensor<2xf32>
// CHECK: dialect_resources
// CHECK-NEXT: builtin
// CHECK-DAG: conv_w: "0x040000000000803F00000040"
// CHECK-DAG: conv_b: "0x040000000000003F0000803E"

// A reshape of a resource constant folds to a constant that shares the blob
// under the new type; no new blob and no dense<> copy of the data.
// CANON-LABEL: func.func @weights
// CANON-DAG: dataflow.constant dense_resource<conv_w> : tensor<2x1x1x1xf32>
// CANON-DAG: dataflow.constant dense_resource<conv_w> : tensor<2xf32>
// CANON-DAG: dataflow.constant dense_resource<conv_b> : tensor<2xf32>
// CANON-NOT: dense<
// CANON: dialect_resources
// CANON-NEXT: builtin
// CANON-DAG: conv_w: "0x040000000000803F00000040"
// CANON-DAG: conv_b: "0x040000000000003F0000803E"
// CANON-NOT: conv_w_
func.func @weights(%x: tensor<1x1x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<2xf32>) {
  %w = dataflow.constant dense_resource<conv_w> : tensor<2x1x1x1xf32>
  %b = dataflow.constant dense_resource<conv_b> : tensor<2xf32>
  %y = dataflow.conv %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %r = dataflow.reshape %w : tensor<2x1x1x1xf32> -> tensor<2xf32>
  %s = dataflow.binary add %r, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %y, %s : tensor<1x2x4x4xf32>, tensor<2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      conv_w: "0x040000000000803F00000040",
      conv_b: "0x040000000000003F0000803E"
    }
  }
#-}
