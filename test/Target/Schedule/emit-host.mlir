// RUN: accel-opt %s --lower-to-host="fuse=false" --mlir-print-debuginfo | accel-translate --emit-schedule -o %t.accel
// RUN: accel-translate --schedule-to-json %t.accel | FileCheck %s
// Determinism: the same input gives the same bytes.
// RUN: accel-opt %s --lower-to-host="fuse=false" --mlir-print-debuginfo | accel-translate --emit-schedule -o %t2.accel
// RUN: cmp %t.accel %t2.accel

// CHECK:      "compiler_version": "accel-
// CHECK:      "device": {
// CHECK:        "preset": "cpu"
// CHECK:        "target": "host"
// CHECK:      "format_version": 1
// CHECK:      "inputs": [
// CHECK-NEXT:   0
// CHECK:      "model_name": "mlp"
// CHECK:      "outputs": [
// CHECK-NEXT:   3
// CHECK:      "segments": [
// CHECK:        "instructions": [
// CHECK:            "attrs": {
// CHECK-NEXT:         "transpose_lhs": 0,
// CHECK-NEXT:         "transpose_rhs": 0
// CHECK-NEXT:       },
// CHECK-NEXT:       "flops": 48,
// CHECK-NEXT:       "inputs": [
// CHECK-NEXT:         0,
// CHECK-NEXT:         1
// CHECK-NEXT:       ],
// CHECK-NEXT:       "kernel": "matmul",
// CHECK-NEXT:       "node": "fc",
// CHECK-NEXT:       "op_type": "MatMul",
// CHECK:            "attrs": {
// CHECK-NEXT:         "alpha": 0,
// CHECK-NEXT:         "beta": 0,
// CHECK-NEXT:         "kind": "relu"
// CHECK-NEXT:       },
// CHECK:            "kernel": "unary",
// CHECK-NEXT:       "node": "act",
// CHECK-NEXT:       "op_type": "Relu",
// CHECK:      "tensors": [
// CHECK:          "dtype": "F32",
// CHECK-NEXT:     "kind": "Input",
// CHECK-NEXT:     "name": "x",
// CHECK-NEXT:     "shape": [
// CHECK-NEXT:       2,
// CHECK-NEXT:       4
// CHECK:          "const_offset": 0,
// CHECK-NEXT:     "const_size": 48,
// CHECK-NEXT:     "dtype": "F32",
// CHECK-NEXT:     "kind": "Constant",
// CHECK-NEXT:     "name": "fc.const",
// CHECK:          "kind": "Intermediate",
// CHECK-NEXT:     "name": "fc",
// CHECK:          "kind": "Output",
// CHECK-NEXT:     "name": "y",

#fc = loc(fused<"MatMul">["fc", "mlp.onnx":1:1])
#act = loc(fused<"Relu">["act", "mlp.onnx":2:1])
module attributes {dataflow.model_name = "mlp"} {
  func.func @main(%x: tensor<2x4xf32> {dataflow.name = "x"}) -> (tensor<2x3xf32> {dataflow.name = "y"}) {
    %w = dataflow.constant dense<1.0> : tensor<4x3xf32> loc(#fc)
    %0 = dataflow.matmul %x, %w : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32> loc(#fc)
    %1 = dataflow.unary relu %0 : tensor<2x3xf32> -> tensor<2x3xf32> loc(#act)
    return %1 : tensor<2x3xf32>
  }
}
