// RUN: accel-opt %s | FileCheck %s
// RUN: accel-opt %s | accel-opt | FileCheck %s

// CHECK-LABEL: host.program preset("cpu") {
// CHECK-NEXT:    func.func @main(%[[X:.*]]: tensor<4xf32>) -> tensor<4xf32> {
// CHECK-NEXT:      %[[R:.*]] = dataflow.unary relu %[[X]] : tensor<4xf32> -> tensor<4xf32>
// CHECK-NEXT:      return %[[R]] : tensor<4xf32>
host.program preset("cpu") {
  func.func @main(%arg0: tensor<4xf32>) -> tensor<4xf32> {
    %0 = dataflow.unary relu %arg0 : tensor<4xf32> -> tensor<4xf32>
    return %0 : tensor<4xf32>
  }
}
