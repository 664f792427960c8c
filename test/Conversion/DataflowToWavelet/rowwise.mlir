// RUN: accel-opt %s --wse-create-fabric="grid=4x16" --accel-partition="target=wse" --convert-dataflow-to-wavelet --wse-place --wse-route --wse-allocate-memory --wse-generate-tasks | FileCheck %s

// The rowwise kernel (RowwiseMapping.cpp): each row is held whole in one PE of a column
// at most 16/8 = 2 PEs tall; PE y takes a block of the outermost row dim with more than
// one element, one message is `rows_per_message` rows (1 for softmax and layer norm).
// The regions are placed side by side (skyline: all at y = 0).

// Softmax over the last axis of 4x10: 2 PEs of 2 rows, one row (10 words) a message.
// Buffers: in0, out, tmp (10 each), consts, stats (4 each) = 38 words.
// CHECK-LABEL: wavelet.kernel @sm(
// CHECK-NEXT:  wavelet.region @sm at(0, 0) size(1, 2) code_bytes(6144) memory_words(38) attributes {colors = array<i64: 0, 1>, plan = {alpha = 1.000000e+00 : f64, beta = 0.000000e+00 : f64, channels = 2 : i64, inputs = 1 : i64, kind = "rowwise", log = false, message = 10 : i64, op = "softmax", out_message = 10 : i64, params = 0 : i64, rows = 2 : i64, segment = 10 : i64}}
// CHECK:         wavelet.stream_in %{{.*}} to(0, 1) instance(0) side west color(0) message(10) window(#wavelet.window<[<tensor_dim = 0, size = 2, base = 2>, <tensor_dim = 1, size = 10>]>)
// CHECK-NEXT:    wavelet.stream_out result(0) from(0, 1) instance(0) side east color(1) message(10) window(#wavelet.window<[<tensor_dim = 0, size = 2, base = 2>, <tensor_dim = 1, size = 10>]>)
// CHECK-NEXT:    wavelet.route color(0) rx west tx ramp
// CHECK-NEXT:    wavelet.route color(1) rx ramp tx east
// max, x - max, exp, sum, 1/sum, scale.
// CHECK:         wavelet.loop 2 {
// CHECK-NEXT:      wavelet.recv color(0) %in0[0:10]
// CHECK-NEXT:      wavelet.reduce max %stats[0:1], %in0[0:10] segment(10)
// CHECK-NEXT:      wavelet.binary sub %tmp[0:10], %in0[0:10], %stats[0:10:0]
// CHECK-NEXT:      wavelet.unary exp %out[0:10], %tmp[0:10]
// CHECK-NEXT:      wavelet.reduce add %stats[1:1], %out[0:10] segment(10)
// CHECK-NEXT:      wavelet.unary recip %stats[1:1], %stats[1:1]
// CHECK-NEXT:      wavelet.binary mul %out[0:10], %out[0:10], %stats[1:10:0]
// CHECK-NEXT:      wavelet.send color(1) %out[0:10]

// Layer norm over the last axis of 2x3x8 (scale and bias in every PE): rows split over
// dim 0, PE y takes the 3 rows of [y]; 1/8 and epsilon are the constants.
// CHECK-LABEL: wavelet.kernel @ln(
// CHECK-NEXT:  wavelet.region @ln at(1, 0) size(1, 2) code_bytes(6144) memory_words(48) attributes {{{.*}}alpha = 1.250000e-01 : f64, beta = 0.0010000000474974513 : f64, {{.*}}message = 8 : i64, op = "layer_norm", out_message = 8 : i64, params = 2 : i64, rows = 3 : i64, segment = 8 : i64}}
// CHECK:         wavelet.buffer "param0" addr(32) : !wavelet.buffer<8>
// CHECK-NEXT:    wavelet.init %param0[0] from %arg1 window(#wavelet.window<[<tensor_dim = 0, size = 8>]>)
// CHECK-NEXT:    wavelet.buffer "param1" addr(40) : !wavelet.buffer<8>
// CHECK-NEXT:    wavelet.init %param1[0] from %arg2 window(#wavelet.window<[<tensor_dim = 0, size = 8>]>)
// CHECK:         wavelet.stream_in %arg0 to(0, 1) instance(0) side west color(0) message(8) window(#wavelet.window<[<tensor_dim = 0, size = 1, base = 1>, <tensor_dim = 1, size = 3>, <tensor_dim = 2, size = 8>]>)
// CHECK:         wavelet.fill %consts[0:1] value(1.250000e-01)
// CHECK-NEXT:    wavelet.fill %consts[1:1] value(1.000000e-03)
// CHECK-NEXT:    wavelet.loop 3 {
// CHECK:           wavelet.unary rsqrt %stats[1:1], %stats[1:1]
// CHECK-NEXT:      wavelet.binary mul %tmp[0:8], %tmp[0:8], %stats[1:8:0]
// CHECK-NEXT:      wavelet.binary mul %tmp[0:8], %tmp[0:8], %param0[0:8]
// CHECK-NEXT:      wavelet.binary add %out[0:8], %tmp[0:8], %param1[0:8]
// CHECK-NEXT:      wavelet.send color(1) %out[0:8]

// reduce mean over the trailing axes (2, 3) of 1x4x6x6 with keep_dims (global average
// pooling): rows are (n, c); dim 0 has one element, so the 4 channels split over 2 PEs and
// both of a PE's rows go in one 72-word message, scaled by 1/36 first (in fp16 a
// sum of large values overflows where their mean does not), then reduced in segments of 36.
// The output window keeps the two unit dims.
// CHECK-LABEL: wavelet.kernel @gap(
// CHECK-NEXT:  wavelet.region @gap at(2, 0) size(1, 2) code_bytes(6144) memory_words(154) attributes {{{.*}}alpha = 0.027777777777777776 : f64, {{.*}}message = 72 : i64, op = "reduce.mean", out_message = 2 : i64, params = 0 : i64, rows = 1 : i64, segment = 36 : i64}}
// CHECK:         wavelet.stream_in %arg0 to(0, 1) instance(0) side west color(0) message(72) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 1, size = 2, base = 2>, <tensor_dim = 2, size = 6>, <tensor_dim = 3, size = 6>]>)
// CHECK-NEXT:    wavelet.stream_out result(0) from(0, 1) instance(0) side east color(1) message(2) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 1, size = 2, base = 2>, <tensor_dim = 2, size = 1>, <tensor_dim = 3, size = 1>]>)
// CHECK:         wavelet.loop 1 {
// CHECK-NEXT:      wavelet.recv color(0) %in0[0:72]
// CHECK-NEXT:      wavelet.binary mul %tmp[0:72], %in0[0:72], %consts[0:72:0]
// CHECK-NEXT:      wavelet.reduce add %out[0:2], %tmp[0:72] segment(36)
// CHECK-NEXT:      wavelet.send color(1) %out[0:2]

// Max pool 3x3, stride 2, pads 1 on 1x2x4x5 -> 1x2x2x3: a row is one output row (n, c, oh)
// of 3 windows gathered as (ow, kh, kw) = 27 words; rows start at input row 2*oh - 1 and
// column 2*ow - 1, and the padding reads as -inf (0xFF800000). One channel a PE, both of
// its output rows in one 54-word message, max over segments of 9.
// CHECK-LABEL: wavelet.kernel @mp(
// CHECK-NEXT:  wavelet.region @mp at(3, 0) size(1, 2) code_bytes(6144) memory_words(122) attributes {{{.*}}message = 54 : i64, op = "pool.max", out_message = 6 : i64, params = 0 : i64, rows = 1 : i64, segment = 9 : i64}}
// CHECK:         wavelet.stream_in %arg0 to(0, 0) instance(0) side west color(0) message(54) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 1, size = 1>, <tensor_dim = 2, size = 2, step = 2, base = -1>, <tensor_dim = 3, size = 3, step = 2, base = -1>, <tensor_dim = 2, size = 3>, <tensor_dim = 3, size = 3>], pad = 0xFF800000>)
// CHECK-NEXT:    wavelet.stream_out result(0) from(0, 0) instance(0) side east color(1) message(6) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 1, size = 1>, <tensor_dim = 2, size = 2>, <tensor_dim = 3, size = 3>]>)
// CHECK-NEXT:    wavelet.stream_in %arg0 to(0, 1) instance(0) side west color(0) message(54) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 1, size = 1, base = 1>, {{.*}}], pad = 0xFF800000>)
// CHECK:         wavelet.loop 1 {
// CHECK-NEXT:      wavelet.recv color(0) %in0[0:54]
// CHECK-NEXT:      wavelet.reduce max %out[0:6], %in0[0:54] segment(9)
// CHECK-NEXT:      wavelet.send color(1) %out[0:6]
// CHECK-LABEL: func.func @main
// CHECK-NOT:   dataflow.{{softmax|layer_norm|reduce|pool}}
func.func @main(%s: tensor<4x10xf32>, %l: tensor<2x3x8xf32>, %r: tensor<1x4x6x6xf32>, %p: tensor<1x2x4x5xf32>)
    -> (tensor<4x10xf32>, tensor<2x3x8xf32>, tensor<1x4x1x1xf32>, tensor<1x2x2x3xf32>) {
  %sm = dataflow.softmax %s {axis = 1 : i64} : tensor<4x10xf32> -> tensor<4x10xf32> loc("sm")
  %g = dataflow.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]> : tensor<8xf32> loc("g")
  %b = dataflow.constant dense<0.5> : tensor<8xf32> loc("b")
  %ln = dataflow.layer_norm %l, %g, %b {axis = 2 : i64, epsilon = 1.0e-3 : f32} : (tensor<2x3x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x3x8xf32> loc("ln")
  %m = dataflow.reduce mean %r {axes = array<i64: 2, 3>, keep_dims = true} : tensor<1x4x6x6xf32> -> tensor<1x4x1x1xf32> loc("gap")
  %mp = dataflow.pool max %p {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : tensor<1x2x4x5xf32> -> tensor<1x2x2x3xf32> loc("mp")
  return %sm, %ln, %m, %mp : tensor<4x10xf32>, tensor<2x3x8xf32>, tensor<1x4x1x1xf32>, tensor<1x2x2x3xf32>
}
