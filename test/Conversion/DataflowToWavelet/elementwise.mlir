// RUN: accel-opt %s --wse-create-fabric="grid=8x32" --accel-partition="target=wse" --convert-dataflow-to-wavelet | FileCheck %s
// RUN: accel-opt %s --wse-create-fabric="grid=8x8" --accel-partition="target=wse" --convert-dataflow-to-wavelet | FileCheck %s --check-prefix=SHORT
// RUN: accel-opt %s --wse-create-fabric="device=wse2:memory_bytes=1040,code_bytes_per_pe=0 grid=8x32" --accel-partition="target=wse" --convert-dataflow-to-wavelet | FileCheck %s --check-prefix=SMALL

// Elementwise ops stream through a column of PEs: PE y takes a block of the outermost dim
// whose inner part fits a message, through its west edge, and sends the result out east.
// x[8x64] + b[64]: rows split over the column; b is broadcast along dim 0 (step 0).
// 512 elements, 3 streams: 512*3/34 I/O cycles against 512*(1+3) PE cycles would want 46
// PEs, but a column is at most 8 (the rows) and at most height/8 = 4 tall: 4 PEs of 2
// rows each, one message of 2*64 = 128 words (the message limit is min(1024,
// (10752 - 4) / (2 inputs + 2)) words).
// CHECK:       wavelet.kernel @add(%[[A:.*]]: tensor<8x64xf32>, %[[B:.*]]: tensor<64xf32>) -> tensor<8x64xf32>
// CHECK-NEXT:  wavelet.region @add at(0, 0) size(1, 4) attributes {plan = {alpha = 0.000000e+00 : f64, beta = 0.000000e+00 : f64, channels = 3 : i64, inputs = 2 : i64, kind = "elementwise", message = [[M:128]] : i64, op = "binary.add", rows = 1 : i64}} {
// CHECK-NEXT:    wavelet.buffer "in0" : !wavelet.buffer<[[M]]>
// CHECK-NEXT:    wavelet.buffer "in1" : !wavelet.buffer<[[M]]>
// CHECK-NEXT:    wavelet.buffer "out" : !wavelet.buffer<[[M]]>
// CHECK-NEXT:    wavelet.buffer "tmp" : !wavelet.buffer<[[M]]>
// CHECK-NEXT:    wavelet.buffer "consts" : !wavelet.buffer<4>
// CHECK-NEXT:    wavelet.stream_in %[[A]] to(0, 0) instance(0) side west color(0) message([[M]]) window(#wavelet.window<[<tensor_dim = 0, size = [[S:2]]>, <tensor_dim = 1, size = 64>]>) : tensor<8x64xf32>
// CHECK-NEXT:    wavelet.stream_in %[[B]] to(0, 0) instance(0) side west color(1) message([[M]]) window(#wavelet.window<[<tensor_dim = 0, size = [[S]], step = 0>, <tensor_dim = 0, size = 64>]>) : tensor<64xf32>
// CHECK-NEXT:    wavelet.stream_out result(0) from(0, 0) instance(0) side east color(2) message([[M]]) window(#wavelet.window<[<tensor_dim = 0, size = [[S]]>, <tensor_dim = 1, size = 64>]>)
// CHECK-NEXT:    wavelet.stream_in %[[A]] to(0, 1) instance(0) side west color(0) message([[M]]) window(#wavelet.window<[<tensor_dim = 0, size = [[S]], base = [[S]]>, <tensor_dim = 1, size = 64>]>)
// CHECK:         wavelet.stream_out result(0) from(0, 3) instance(0) side east color(2) message([[M]]) window(#wavelet.window<[<tensor_dim = 0, size = 2, base = 6>, <tensor_dim = 1, size = 64>]>)
// CHECK-NEXT:  }

// On an 8x8 fabric a column is at most 8/8 = 1 PE tall: the whole 8x64 in one message.
// SHORT:       wavelet.region @add at(0, 0) size(1, 1) {{.*}}message = 512 : i64, op = "binary.add", rows = 1 : i64
// SHORT:       wavelet.region @leaky at(0, 0) size(1, 1) {{.*}}message = 6 : i64

// Messages are sized to the PE's memory: with 1040 bytes (260 words), 2 operands, the
// result and a temporary of a message plus 4 constants fit when a message is at most
// (260 - 4) / 4 = 64 words. So the same 4 PEs take their 2 rows in 2 messages of 64.
// SMALL:       wavelet.region @add at(0, 0) size(1, 4) {{.*}}message = 64 : i64, op = "binary.add", rows = 2 : i64
// SMALL-NEXT:    wavelet.buffer "in0" : !wavelet.buffer<64>
// SMALL:         wavelet.stream_in %{{.*}} to(0, 1) instance(0) side west color(0) message(64) window(#wavelet.window<[<tensor_dim = 0, size = 2, base = 2>, <tensor_dim = 1, size = 64>]>)
// CHECK-NOT:   dataflow.binary

// A unary op keeps its parameters in the plan (leaky_relu alpha); a rank-0 tensor is seen
// as [1]. c[2x3]: the 2 rows of 3 over 2 PEs (198 PE cycles want more, the rows cap it).
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
