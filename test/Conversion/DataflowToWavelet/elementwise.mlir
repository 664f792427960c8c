// RUN: accel-opt %s --wse-create-fabric="grid=8x8" --accel-partition="target=wse" --convert-dataflow-to-wavelet | FileCheck %s

// Elementwise ops stream through a column of PEs: PE y takes a block of the outermost dim
// whose inner part fits a message, through its west edge, and sends the result out east.
// x[8x64] + b[64]: rows split over the column; b is broadcast along dim 0 (step 0).
// CHECK:       wavelet.kernel @add(%[[A:.*]]: tensor<8x64xf32>, %[[B:.*]]: tensor<64xf32>) -> tensor<8x64xf32>
// CHECK-NEXT:  wavelet.region @add at(0, 0) size(1, [[P:[0-9]+]]) attributes {plan = {alpha = 0.000000e+00 : f64, beta = 0.000000e+00 : f64, channels = 3 : i64, inputs = 2 : i64, kind = "elementwise", message = [[M:[0-9]+]] : i64, op = "binary.add", rows = [[R:[0-9]+]] : i64}} {
// CHECK-NEXT:    wavelet.buffer "in0" : !wavelet.buffer<[[M]]>
// CHECK-NEXT:    wavelet.buffer "in1" : !wavelet.buffer<[[M]]>
// CHECK-NEXT:    wavelet.buffer "out" : !wavelet.buffer<[[M]]>
// CHECK-NEXT:    wavelet.buffer "tmp" : !wavelet.buffer<[[M]]>
// CHECK-NEXT:    wavelet.buffer "consts" : !wavelet.buffer<4>
// CHECK-NEXT:    wavelet.stream_in %[[A]] to(0, 0) instance(0) side west color(0) message([[M]]) window(#wavelet.window<[<tensor_dim = 0, size = [[S:[0-9]+]]>, <tensor_dim = 1, size = 64>]>) : tensor<8x64xf32>
// CHECK-NEXT:    wavelet.stream_in %[[B]] to(0, 0) instance(0) side west color(1) message([[M]]) window(#wavelet.window<[<tensor_dim = 0, size = [[S]], step = 0>, <tensor_dim = 0, size = 64>]>) : tensor<64xf32>
// CHECK-NEXT:    wavelet.stream_out result(0) from(0, 0) instance(0) side east color(2) message([[M]]) window(#wavelet.window<[<tensor_dim = 0, size = [[S]]>, <tensor_dim = 1, size = 64>]>)
// CHECK-NEXT:    wavelet.stream_in %[[A]] to(0, 1) instance(0) side west color(0) message([[M]]) window(#wavelet.window<[<tensor_dim = 0, size = [[S]], base = [[S]]>, <tensor_dim = 1, size = 64>]>)
// CHECK-NOT:   dataflow.binary

// A unary op keeps its parameters in the plan (leaky_relu alpha); a rank-0 tensor is seen
// as [1].
// CHECK-LABEL: wavelet.kernel @leaky(
// CHECK-NEXT:  wavelet.region @leaky at(0, 0) size(1, 2) attributes {plan = {alpha = 0.10000000149011612 : f64, beta = 0.000000e+00 : f64, channels = 2 : i64, inputs = 1 : i64, kind = "elementwise", message = 3 : i64, op = "unary.leaky_relu", rows = 1 : i64}}
// CHECK:         wavelet.stream_out result(0) from(0, 0) instance(0) side east color(1) message(3)
// CHECK-LABEL: wavelet.kernel @clip(
// CHECK-NEXT:  wavelet.region @clip {{.*}}plan = {alpha = -1.000000e+00 : f64, beta = 2.000000e+00 : f64, {{.*}}op = "clamp"
// CHECK-LABEL: wavelet.kernel @scalar(%{{.*}}: tensor<f32>) -> tensor<f32>
// CHECK-NEXT:  wavelet.region @scalar at(0, 0) size(1, 1) {{.*}}message = 1 : i64, op = "unary.exp", rows = 1 : i64
// CHECK:         wavelet.stream_in %{{.*}} to(0, 0) instance(0) side west color(0) message(1) window(#wavelet.window<[<tensor_dim = 0, size = 1, step = 0>]>) : tensor<f32>

// Not mapped to the device: an i32 op and an op with no PE program stay on the host.
// CHECK-LABEL: func.func @main
// CHECK:       dataflow.unary neg %{{.*}} : tensor<4xi32>
// CHECK:       dataflow.binary pow
func.func @main(%a: tensor<8x64xf32>, %b: tensor<64xf32>, %c: tensor<2x3xf32>, %s: tensor<f32>, %h: tensor<4xi32>)
    -> (tensor<8x64xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<f32>, tensor<4xi32>, tensor<2x3xf32>) {
  %0 = dataflow.binary add %a, %b : (tensor<8x64xf32>, tensor<64xf32>) -> tensor<8x64xf32> loc("add")
  %1 = dataflow.unary leaky_relu %c {alpha = 0.1 : f32} : tensor<2x3xf32> -> tensor<2x3xf32> loc("leaky")
  %2 = dataflow.clamp %c {min = -1.0 : f32, max = 2.0 : f32} : tensor<2x3xf32> -> tensor<2x3xf32> loc("clip")
  %3 = dataflow.unary exp %s : tensor<f32> -> tensor<f32> loc("scalar")
  %4 = dataflow.unary neg %h : tensor<4xi32> -> tensor<4xi32> loc("half")
  %5 = dataflow.binary pow %c, %c : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32> loc("pow")
  return %0, %1, %2, %3, %4, %5 : tensor<8x64xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<f32>, tensor<4xi32>, tensor<2x3xf32>
}
