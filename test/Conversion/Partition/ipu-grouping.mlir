// RUN: accel-opt %s --ipu-create-device="device=tiles=16" --accel-partition=target=ipu | FileCheck %s

// The IPU keeps activations in tile memory between layers, so accel-partition groups each
// run of consecutive device ops (constants between them do not break a run) into one
// tile.kernel, named after its first ONNX node and ending in tile.outputs. A host-only op
// (a sin: no IPU mapping) splits the model into two kernels. A value of
// the run used outside it (here %a, also returned) becomes one more kernel result.

// CHECK-LABEL: func.func @main(
// CHECK-SAME:    %[[X:.*]]: tensor<1x16xf32>)
// CHECK-DAG:     %[[W1:.*]] = dataflow.constant dense<5.000000e-01> : tensor<16x8xf32>
// CHECK-DAG:     %[[B1:.*]] = dataflow.constant dense<1.000000e-01> : tensor<8xf32>
// CHECK:         %[[K1:.*]]:2 = tile.launch @fc1_MatMul(%[[X]], %[[W1]], %[[B1]]) : (tensor<1x16xf32>, tensor<16x8xf32>, tensor<8xf32>) -> (tensor<1x8xf32>, tensor<1x8xf32>)
// CHECK-NEXT:    %[[S:.*]] = dataflow.unary sin %[[K1]]#1
// CHECK-NEXT:    %[[W2:.*]] = dataflow.constant dense<2.500000e-01> : tensor<8x4xf32>
// CHECK-NEXT:    %[[K2:.*]] = tile.launch @fc2_MatMul(%[[S]], %[[W2]]) : (tensor<1x8xf32>, tensor<8x4xf32>) -> tensor<1x4xf32>
// CHECK-NEXT:    return %[[K2]], %[[K1]]#0 : tensor<1x4xf32>, tensor<1x8xf32>

// CHECK:       tile.ipu preset("gc200") tiles(16)
// CHECK-NEXT:    tile.kernel @fc1_MatMul(%[[X1:.*]]: tensor<1x16xf32>, %[[W1A:.*]]: tensor<16x8xf32>, %[[B1A:.*]]: tensor<8xf32>) -> (tensor<1x8xf32>, tensor<1x8xf32>) attributes {flops = 272 : i64} {
// CHECK-NEXT:      %[[M:.*]] = dataflow.matmul %[[X1]], %[[W1A]]
// CHECK-NEXT:      %[[A:.*]] = dataflow.binary add %[[M]], %[[B1A]]
// CHECK-NEXT:      %[[R:.*]] = dataflow.unary relu %[[A]]
// CHECK-NEXT:      tile.outputs %[[A]], %[[R]] : tensor<1x8xf32>, tensor<1x8xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    tile.kernel @fc2_MatMul(%[[S2:.*]]: tensor<1x8xf32>, %[[W2A:.*]]: tensor<8x4xf32>) -> tensor<1x4xf32> attributes {flops = 68 : i64} {
// CHECK-NEXT:      %[[M2:.*]] = dataflow.matmul %[[S2]], %[[W2A]]
// CHECK-NEXT:      %[[R2:.*]] = dataflow.unary relu %[[M2]]
// CHECK-NEXT:      tile.outputs %[[R2]] : tensor<1x4xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:  }

func.func @main(%x: tensor<1x16xf32>) -> (tensor<1x4xf32>, tensor<1x8xf32>) {
  %w1 = dataflow.constant dense<0.5> : tensor<16x8xf32> loc("w1")
  %b1 = dataflow.constant dense<0.1> : tensor<8xf32> loc("b1")
  %m = dataflow.matmul %x, %w1 : (tensor<1x16xf32>, tensor<16x8xf32>) -> tensor<1x8xf32> loc(fused<"MatMul">["/fc1/MatMul", "m.onnx":3:1])
  %a = dataflow.binary add %m, %b1 : (tensor<1x8xf32>, tensor<8xf32>) -> tensor<1x8xf32> loc(fused<"Add">["/fc1/Add", "m.onnx":4:1])
  %r = dataflow.unary relu %a : tensor<1x8xf32> -> tensor<1x8xf32> loc(fused<"Relu">["/relu1", "m.onnx":5:1])
  %s = dataflow.unary sin %r : tensor<1x8xf32> -> tensor<1x8xf32> loc(fused<"Sin">["/sin", "m.onnx":6:1])
  %w2 = dataflow.constant dense<0.25> : tensor<8x4xf32> loc("w2")
  %m2 = dataflow.matmul %s, %w2 : (tensor<1x8xf32>, tensor<8x4xf32>) -> tensor<1x4xf32> loc(fused<"MatMul">["/fc2/MatMul", "m.onnx":7:1])
  %r2 = dataflow.unary relu %m2 : tensor<1x4xf32> -> tensor<1x4xf32> loc(fused<"Relu">["/relu2", "m.onnx":8:1])
  return %r2, %a : tensor<1x4xf32>, tensor<1x8xf32>
}
