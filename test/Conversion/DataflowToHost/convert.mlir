// RUN: accel-opt %s --convert-dataflow-to-host --mlir-print-debuginfo | FileCheck %s

// The entry function moves into the host.program anchor unchanged, locations included.
// CHECK:       module attributes {dataflow.model_name = "tiny"}
// CHECK-NEXT:    host.program preset("cpu") {
// CHECK-NEXT:      func.func @main(%[[X:[^:]*]]: tensor<2x3xf32> {dataflow.name = "x"}{{.*}}) -> (tensor<2x3xf32> {dataflow.name = "y"})
// CHECK-NEXT:        %[[R:.*]] = dataflow.unary sigmoid %[[X]] : tensor<2x3xf32> -> tensor<2x3xf32> loc(#[[LOC:.*]])
// CHECK-NEXT:        return %[[R]]
// CHECK:       #[[LOC]] = loc("sig0")
module attributes {dataflow.model_name = "tiny"} {
  func.func @main(%arg0: tensor<2x3xf32> {dataflow.name = "x"}) -> (tensor<2x3xf32> {dataflow.name = "y"}) {
    %0 = dataflow.unary sigmoid %arg0 : tensor<2x3xf32> -> tensor<2x3xf32> loc("sig0")
    return %0 : tensor<2x3xf32>
  }
}
