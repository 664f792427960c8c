// RUN: accel-opt %s --ipu-create-device="device=gc200:tiles=16" --accel-partition=target=ipu | FileCheck %s
// RUN: accel-opt %s --lower-to-ipu="device=tiles=16" -o /dev/null

// Which ops accel-partition outlines onto the IPU (isMappableOnIPU). Device segments hold
// f32 tensors only (the runtime rejects any other element type at the segment boundary),
// so a view of an integer tensor (the int64 targets of NegativeLogLikelihoodLoss, the
// indices of OneHot) stays on the host, while the same view of an f32 tensor is outlined.
// An op with an empty operand or result (a slice whose start is past the end) has no
// element to put on a tile and no tile could return it: it stays on the host too.

// CHECK-LABEL: func.func @main(
// CHECK:         dataflow.slice %arg0 {{.*}} : tensor<2x3xf32> -> tensor<0x3xf32>
// CHECK:         dataflow.unary relu %{{.*}} : tensor<0x3xf32> -> tensor<0x3xf32>
// CHECK:         dataflow.reshape %arg1 : tensor<2x3xi64> -> tensor<6xi64>
// CHECK:         tile.launch @f(%arg0) : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK:       tile.kernel @f(
// CHECK-NEXT:    dataflow.reshape %{{.*}} : tensor<2x3xf32> -> tensor<3x2xf32>
// CHECK-NEXT:    tile.outputs

func.func @main(%x: tensor<2x3xf32>, %i: tensor<2x3xi64>) -> (tensor<0x3xf32>, tensor<6xi64>, tensor<3x2xf32>) {
  %s = dataflow.slice %x {starts = array<i64: 2, 0>, steps = array<i64: 1, 1>} : tensor<2x3xf32> -> tensor<0x3xf32> loc(fused<"Slice">["/s", "m.onnx":1:1])
  %e = dataflow.unary relu %s : tensor<0x3xf32> -> tensor<0x3xf32> loc(fused<"Relu">["/e", "m.onnx":2:1])
  %r = dataflow.reshape %i : tensor<2x3xi64> -> tensor<6xi64> loc(fused<"Reshape">["/r", "m.onnx":3:1])
  %f = dataflow.reshape %x : tensor<2x3xf32> -> tensor<3x2xf32> loc(fused<"Reshape">["/f", "m.onnx":4:1])
  return %e, %r, %f : tensor<0x3xf32>, tensor<6xi64>, tensor<3x2xf32>
}
