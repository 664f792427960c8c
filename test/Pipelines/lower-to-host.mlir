// RUN: accel-opt %s --lower-to-host | FileCheck %s

// The pipeline cleans up (transpose pairs cancel), then places the function on the host.
// CHECK-LABEL: host.program preset("cpu")
// CHECK:         func.func @main(%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT:     dataflow.transpose
// CHECK:         %[[R:.*]] = dataflow.unary relu %[[X]]
// CHECK-NEXT:    return %[[R]]
func.func @main(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = dataflow.transpose %arg0 {perm = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  %1 = dataflow.transpose %0 {perm = array<i64: 1, 0>} : tensor<3x2xf32> -> tensor<2x3xf32>
  %2 = dataflow.unary relu %1 : tensor<2x3xf32> -> tensor<2x3xf32>
  return %2 : tensor<2x3xf32>
}
