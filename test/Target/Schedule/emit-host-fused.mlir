// RUN: accel-opt %s --lower-to-host --mlir-print-debuginfo | accel-translate --emit-schedule -o %t.accel
// RUN: accel-translate --schedule-to-json %t.accel | FileCheck %s

// A fused op becomes one instruction of its anchor's kernel: the anchor's operands, then
// each binary step's operand, and the epilogue attributes lib/Runtime/Kernels/Epilogue.h
// reads. The instruction is named after the anchor's node and counts every op's FLOPs
// (2*2*4*3 + 6 + 6 + 6 + 6).
// CHECK:        "instructions": [
// CHECK:            "attrs": {
// CHECK-NEXT:         "epilogue": "add,silu,clamp",
// CHECK-NEXT:         "epilogue_alpha": [
// CHECK-NEXT:           0,
// CHECK-NEXT:           0,
// CHECK-NEXT:           0
// CHECK-NEXT:         ],
// CHECK-NEXT:         "epilogue_beta": [
// CHECK-NEXT:           0,
// CHECK-NEXT:           0,
// CHECK-NEXT:           6
// CHECK-NEXT:         ],
// CHECK-NEXT:         "epilogue_inputs": [
// CHECK-NEXT:           2,
// CHECK-NEXT:           -1,
// CHECK-NEXT:           -1
// CHECK-NEXT:         ],
// CHECK-NEXT:         "transpose_lhs": 0,
// CHECK-NEXT:         "transpose_rhs": 0
// CHECK-NEXT:       },
// CHECK-NEXT:       "flops": 72,
// CHECK-NEXT:       "inputs": [
// CHECK-NEXT:         0,
// CHECK-NEXT:         1,
// CHECK-NEXT:         2
// CHECK-NEXT:       ],
// CHECK-NEXT:       "kernel": "matmul",
// CHECK-NEXT:       "node": "fc",
// CHECK-NEXT:       "op_type": "MatMul",

#fc = loc(fused<"MatMul">["fc", "mlp.onnx":1:1])
#bias = loc(fused<"Add">["bias", "mlp.onnx":2:1])
#silu = loc(fused<"Mul">["silu", "mlp.onnx":3:1])
#clip = loc(fused<"Clip">["clip", "mlp.onnx":4:1])
module attributes {dataflow.model_name = "mlp"} {
  func.func @main(%x: tensor<2x4xf32> {dataflow.name = "x"}) -> (tensor<2x3xf32> {dataflow.name = "y"}) {
    %w = dataflow.constant dense<1.0> : tensor<4x3xf32> loc(#fc)
    %b = dataflow.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32> loc(#bias)
    %0 = dataflow.matmul %x, %w : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32> loc(#fc)
    %1 = dataflow.binary add %0, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32> loc(#bias)
    %2 = dataflow.unary sigmoid %1 : tensor<2x3xf32> -> tensor<2x3xf32> loc(#silu)
    %3 = dataflow.binary mul %2, %1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32> loc(#silu)
    %4 = dataflow.clamp %3 {min = 0.0 : f32, max = 6.0 : f32} : tensor<2x3xf32> -> tensor<2x3xf32> loc(#clip)
    return %4 : tensor<2x3xf32>
  }
}
