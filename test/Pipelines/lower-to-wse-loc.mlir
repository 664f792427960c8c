// RUN: accel-opt %s --lower-to-wse="grid=8x8" --mlir-print-debuginfo | FileCheck %s

// A user location on a dataflow op (a file location: the kernel takes the op name; an ONNX
// node location: the kernel takes the node name) survives to its wavelet kernel, its region and the
// regions (the conv is split into two output-column regions, `_w0` and `_w1`) and each
// region's routes, streams and task (mlir-aie's test/base/loc_preservation.mlir).
// CHECK: #[[CONV:loc[0-9]*]] = loc("user/conv1.py":12:3)
// CHECK: #[[NAME:loc[0-9]*]] = loc("act")
// CHECK: #[[FILE:loc[0-9]*]] = loc("model.onnx":7:1)
// CHECK: #[[ACT:loc[0-9]*]] = loc(fused<"Sigmoid">[#[[NAME]], #[[FILE]]])
// CHECK-LABEL: wavelet.kernel @conv(
// CHECK:   wavelet.region @conv_w0 {{.*}} {
// CHECK:     wavelet.stream_in {{.*}} loc(#[[CONV]])
// CHECK:     wavelet.route color(0) {{.*}} loc(#[[CONV]])
// CHECK:     wavelet.task @main local {
// CHECK:       wavelet.gemv {{.*}} loc(#[[CONV]])
// CHECK:   } loc(#[[CONV]])
// CHECK:   wavelet.region @conv_w1 {{.*}} {
// CHECK:     wavelet.stream_in {{.*}} loc(#[[CONV]])
// CHECK:     wavelet.route color(0) {{.*}} loc(#[[CONV]])
// CHECK:     wavelet.task @main local {
// CHECK:       wavelet.gemv {{.*}} loc(#[[CONV]])
// CHECK:   } loc(#[[CONV]])
// CHECK: } loc(#[[CONV]])
// CHECK: wavelet.kernel @act(
// CHECK:   wavelet.region @act {{.*}} {
// CHECK:     wavelet.route color(1) rx ramp tx east loc(#[[ACT]])
// CHECK:   } loc(#[[ACT]])
// CHECK: } loc(#[[ACT]])
// CHECK: wavelet.launch @conv({{.*}} loc(#[[CONV]])
// CHECK: wavelet.launch @act({{.*}} loc(#[[ACT]])
func.func @main(%x: tensor<1x2x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %w = dataflow.constant dense<1.0> : tensor<4x2x3x3xf32>
  %y = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x4xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x4x4xf32> loc("user/conv1.py":12:3)
  %r = dataflow.unary sigmoid %y : tensor<1x4x4x4xf32> -> tensor<1x4x4x4xf32> loc(fused<"Sigmoid">["act", "model.onnx":7:1])
  return %r : tensor<1x4x4x4xf32>
}
