// RUN: accel-opt %s --convert-dataflow-to-host="entry=forward" | FileCheck %s

// CHECK: host.program preset("cpu")
// CHECK-NEXT: func.func @forward
func.func @forward(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = dataflow.unary relu %arg0 : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
