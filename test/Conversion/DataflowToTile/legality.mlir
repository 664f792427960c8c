// RUN: accel-opt %s --ipu-create-device="device=gc200:tiles=16" --accel-partition=target=ipu | FileCheck %s
// RUN: accel-opt %s --lower-to-ipu="device=tiles=16" -o /dev/null

// Which ops accel-partition outlines onto the IPU (isMappableOnIPU). Device segments hold
// f32 tensors only (the runtime rejects any other element type at the segment boundary),
// so a view of an integer tensor (the int64 targets of NegativeLogLikelihoodLoss, the
// indices of OneHot) stays on the host, while the same view of an f32 tensor is outlined.

// CHECK-LABEL: func.func @main(
// CHECK:         dataflow.reshape %arg1 : tensor<2x3xi64> -> tensor<6xi64>
// CHECK:         tile.launch @f(%arg0) : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK:       tile.kernel @f(
// CHECK-NEXT:    dataflow.reshape %{{.*}} : tensor<2x3xf32> -> tensor<3x2xf32>
// CHECK-NEXT:    tile.outputs

func.func @main(%x: tensor<2x3xf32>, %i: tensor<2x3xi64>) -> (tensor<6xi64>, tensor<3x2xf32>) {
  %r = dataflow.reshape %i : tensor<2x3xi64> -> tensor<6xi64> loc(fused<"Reshape">["/r", "m.onnx":3:1])
  %f = dataflow.reshape %x : tensor<2x3xf32> -> tensor<3x2xf32> loc(fused<"Reshape">["/f", "m.onnx":4:1])
  return %r, %f : tensor<6xi64>, tensor<3x2xf32>
}
