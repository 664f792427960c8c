// RUN: accel-opt %s --wse-create-fabric="grid=8x8" --accel-partition="target=wse" | FileCheck %s

// Device-capable ops (a conv and a matmul with constant weights, f32 elementwise ops, max
// pooling, softmax over the last axis, reductions over trailing axes, layer norm over the
// last axis) are outlined one per kernel named after the ONNX node; the rest stays in the
// function for the host: a matmul whose right operand is not a constant, an average pool
// with ceil_mode (its last windows are partial), a softmax over a leading axis, a reduction
// over a leading axis, a transpose and an i64 op. Constants stay in the function and are
// passed to the kernel as arguments.

// CHECK-LABEL: wavelet.fabric preset("wse2") width(8) height(8)
// CHECK:        wavelet.kernel @features_0_Conv(%[[CX:.*]]: tensor<1x2x4x4xf32>, %[[CW:.*]]: tensor<4x2x3x3xf32>, %[[CB:.*]]: tensor<4xf32>) -> tensor<1x4x4x4xf32> attributes {flops = 2368 : i64} {
// CHECK-NEXT:     dataflow.conv %[[CX]], %[[CW]], %[[CB]] {{.*}} -> tensor<1x4x4x4xf32>
// CHECK-NEXT:   {{^ *}}}{{$}}
// CHECK-NEXT:   wavelet.kernel @relu(%{{.*}}: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> attributes {flops = 64 : i64} {
// CHECK-NEXT:     dataflow.unary relu
// CHECK-NEXT:   {{^ *}}}{{$}}
// CHECK-NEXT:   wavelet.kernel @pool(%{{.*}}: tensor<1x4x4x4xf32>) -> tensor<1x4x2x2xf32>
// CHECK-NEXT:     dataflow.pool max
// CHECK-NEXT:   {{^ *}}}{{$}}
// Two ops with the same node name get unique kernel symbols.
// CHECK-NEXT:   wavelet.kernel @fc(%{{.*}}: tensor<1x64xf32>, %{{.*}}: tensor<64x10xf32>) -> tensor<1x10xf32> attributes {flops = 1280 : i64} {
// CHECK-NEXT:     dataflow.matmul
// CHECK-NEXT:   {{^ *}}}{{$}}
// CHECK-NEXT:   wavelet.kernel @fc_1(%{{.*}}: tensor<1x10xf32>, %{{.*}}: tensor<10xf32>) -> tensor<1x10xf32> attributes {flops = 10 : i64} {
// CHECK-NEXT:     dataflow.binary add
// CHECK-NEXT:   {{^ *}}}{{$}}
// CHECK-NEXT:   wavelet.kernel @softmax(%{{.*}}: tensor<1x10xf32>) -> tensor<1x10xf32>
// CHECK-NEXT:     dataflow.softmax {{.*}}{axis = 1 : i64}
// CHECK-NEXT:   {{^ *}}}{{$}}
// A node name that does not start with a letter is prefixed with the op name.
// CHECK-NEXT:   wavelet.kernel @clamp_7(
// CHECK-NEXT:     dataflow.clamp
// CHECK-NEXT:   {{^ *}}}{{$}}
// CHECK-NEXT:   wavelet.kernel @gap(%{{.*}}: tensor<1x4x4x4xf32>) -> tensor<1x4x1x1xf32>
// CHECK-NEXT:     dataflow.reduce mean {{.*}}{axes = array<i64: 2, 3>, keep_dims = true}
// CHECK-NEXT:   {{^ *}}}{{$}}
// CHECK-NEXT:   wavelet.kernel @ln(%{{.*}}: tensor<4x16xf32>, %{{.*}}: tensor<16xf32>, %{{.*}}: tensor<16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT:     dataflow.layer_norm
// CHECK-NEXT:   {{^ *}}}{{$}}
// CHECK-NEXT: {{^ *}}}{{$}}
// CHECK-NOT:  wavelet.kernel

// CHECK-LABEL: func.func @main(
// CHECK-SAME:    %[[X:.*]]: tensor<1x2x4x4xf32>, %[[A:.*]]: tensor<1x64xf32>, %[[B:.*]]: tensor<64x10xf32>, %[[I:.*]]: tensor<4xi64>, %{{.*}}: tensor<4x16xf32>)
// CHECK-DAG:     %[[W:.*]] = dataflow.constant {{.*}} : tensor<4x2x3x3xf32>
// CHECK-DAG:     %[[BIAS:.*]] = dataflow.constant {{.*}} : tensor<4xf32>
// CHECK:         %[[C:.*]] = wavelet.launch @features_0_Conv(%[[X]], %[[W]], %[[BIAS]]) : (tensor<1x2x4x4xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
// CHECK:         %[[R:.*]] = wavelet.launch @relu(%[[C]])
// CHECK:         wavelet.launch @pool(%[[R]])
// CHECK:         %[[M:.*]] = wavelet.launch @fc(%[[A]], %{{.*}})
// CHECK:         %[[D:.*]] = wavelet.launch @fc_1(%[[M]], %{{.*}})
// CHECK:         wavelet.launch @softmax(%[[D]])
// CHECK:         dataflow.matmul %[[A]], %[[B]]
// CHECK:         wavelet.launch @clamp_7(
// CHECK:         dataflow.pool avg %[[R]] {ceil_mode = true
// CHECK:         dataflow.softmax %[[D]] {axis = 0 : i64}
// CHECK:         wavelet.launch @gap(%[[R]])
// CHECK:         dataflow.reduce sum %[[R]] {axes = array<i64: 1>}
// CHECK:         dataflow.transpose %[[A]]
// CHECK:         dataflow.binary add %[[I]], %[[I]] : (tensor<4xi64>, tensor<4xi64>)
// CHECK:         wavelet.launch @ln(
// CHECK-NOT:     wavelet.launch
func.func @main(%x: tensor<1x2x4x4xf32>, %a: tensor<1x64xf32>, %b: tensor<64x10xf32>, %i: tensor<4xi64>, %l: tensor<4x16xf32>)
    -> (tensor<1x4x2x2xf32>, tensor<1x10xf32>, tensor<1x10xf32>, tensor<1x4x2x2xf32>, tensor<1x10xf32>, tensor<1x4x1x1xf32>, tensor<1x4x4xf32>, tensor<64x1xf32>, tensor<4xi64>, tensor<4x16xf32>) {
  %w = dataflow.constant dense<1.0> : tensor<4x2x3x3xf32> loc("w")
  %bias = dataflow.constant dense<0.5> : tensor<4xf32> loc("b")
  %c = dataflow.conv %x, %w, %bias {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x4xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32> loc(fused<"Conv">["/features/0/Conv", "m.onnx":3:1])
  %r = dataflow.unary relu %c : tensor<1x4x4x4xf32> -> tensor<1x4x4x4xf32> loc("relu")
  %p = dataflow.pool max %r {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : tensor<1x4x4x4xf32> -> tensor<1x4x2x2xf32> loc("pool")
  %fw = dataflow.constant dense<0.25> : tensor<64x10xf32> loc("fw")
  %m = dataflow.matmul %a, %fw : (tensor<1x64xf32>, tensor<64x10xf32>) -> tensor<1x10xf32> loc("fc")
  %fb = dataflow.constant dense<0.1> : tensor<10xf32> loc("fb")
  %d = dataflow.binary add %m, %fb : (tensor<1x10xf32>, tensor<10xf32>) -> tensor<1x10xf32> loc("fc")
  %s = dataflow.softmax %d {axis = 1 : i64} : tensor<1x10xf32> -> tensor<1x10xf32> loc("softmax")
  %h = dataflow.matmul %a, %b : (tensor<1x64xf32>, tensor<64x10xf32>) -> tensor<1x10xf32> loc("host_mm")
  %k = dataflow.clamp %h {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x10xf32> -> tensor<1x10xf32> loc("7")
  %q = dataflow.pool avg %r {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : tensor<1x4x4x4xf32> -> tensor<1x4x2x2xf32> loc("avgpool_ceil")
  %s0 = dataflow.softmax %d {axis = 0 : i64} : tensor<1x10xf32> -> tensor<1x10xf32> loc("softmax_axis0")
  %g = dataflow.reduce mean %r {axes = array<i64: 2, 3>, keep_dims = true} : tensor<1x4x4x4xf32> -> tensor<1x4x1x1xf32> loc("gap")
  %rs = dataflow.reduce sum %r {axes = array<i64: 1>} : tensor<1x4x4x4xf32> -> tensor<1x4x4xf32> loc("reduce_channels")
  %t = dataflow.transpose %a {perm = array<i64: 1, 0>} : tensor<1x64xf32> -> tensor<64x1xf32> loc("transpose")
  %ii = dataflow.binary add %i, %i : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64> loc("int_add")
  %lnw = dataflow.constant dense<2.0> : tensor<16xf32> loc("lnw")
  %lnb = dataflow.constant dense<0.5> : tensor<16xf32> loc("lnb")
  %ln = dataflow.layer_norm %l, %lnw, %lnb {axis = 1 : i64} : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32> loc("ln")
  return %p, %s, %k, %q, %s0, %g, %rs, %t, %ii, %ln : tensor<1x4x2x2xf32>, tensor<1x10xf32>, tensor<1x10xf32>, tensor<1x4x2x2xf32>, tensor<1x10xf32>, tensor<1x4x1x1xf32>, tensor<1x4x4xf32>, tensor<64x1xf32>, tensor<4xi64>, tensor<4x16xf32>
}
