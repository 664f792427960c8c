// RUN: accel-opt %s --wse-create-fabric="grid=4x16" --accel-partition="target=wse" --convert-dataflow-to-wavelet --wse-place --wse-route --wse-allocate-memory --wse-generate-tasks | FileCheck %s

// A depthwise 3x3 conv (groups = channels = 5, stride 2, pads 1) on 1x5x4x6 -> 1x5x2x3:
// one channel per PE, columns at most 16/8 = 2 tall, so ceil(5/2) = 3 instances; channel
// of PE y in instance i: y + 2i (the last instance's second PE has channel 5, past the
// tensor: its window reads padding and its output elements are dropped). A PE holds its
// 9 weights and bias; per output row (n, oh) it receives the row's windows gathered as
// (kh, kw, ow): 27 words, and one gemv of 9 columns of length 3 gives the output row.
// Memory: weights 9, in0 27, out 3, bias 1 = 40 words.
// CHECK-LABEL: wavelet.kernel @dw(
// CHECK-NEXT:  wavelet.region @dw at(0, 0) size(1, 2) instances(3) code_bytes(6144) memory_words(40) attributes {colors = array<i64: 0, 1>, plan = {bias = true, channels = 2 : i64, inputs = 1 : i64, kind = "depthwise", message = 27 : i64, out_message = 3 : i64, rows = 2 : i64, segment = 9 : i64}}
// CHECK-NEXT:    wavelet.buffer "weights" addr(0) : !wavelet.buffer<9>
// CHECK-NEXT:    wavelet.buffer "in0" addr(9) : !wavelet.buffer<27>
// CHECK-NEXT:    wavelet.buffer "out" addr(36) : !wavelet.buffer<3>
// CHECK-NEXT:    wavelet.init %weights[0] from %arg1 window(#wavelet.window<[<tensor_dim = 0, size = 1, per_y = 1, per_instance = 2>, <tensor_dim = 2, size = 3>, <tensor_dim = 3, size = 3>]>)
// CHECK-NEXT:    wavelet.buffer "bias" addr(39) : !wavelet.buffer<1>
// CHECK-NEXT:    wavelet.init %bias[0] from %arg2 window(#wavelet.window<[<tensor_dim = 0, size = 1, per_y = 1, per_instance = 2>]>)
// Input rows from 2*oh - 1, columns from 2*ow - 1 (padding reads 0).
// CHECK-NEXT:    wavelet.stream_in %arg0 to(0, 0) instance(0) side west color(0) message(27) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 2, size = 2, step = 2, base = -1>, <tensor_dim = 1, size = 1>, <tensor_dim = 2, size = 3>, <tensor_dim = 3, size = 3>, <tensor_dim = 3, size = 3, step = 2, base = -1>]>)
// CHECK-NEXT:    wavelet.stream_out result(0) from(0, 0) instance(0) side east color(1) message(3) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 2, size = 2>, <tensor_dim = 1, size = 1>, <tensor_dim = 3, size = 3>]>)
// CHECK-NEXT:    wavelet.stream_in %arg0 to(0, 1) instance(0) {{.*}}<tensor_dim = 1, size = 1, base = 1>
// CHECK-NEXT:    wavelet.stream_out result(0) from(0, 1) instance(0) {{.*}}<tensor_dim = 1, size = 1, base = 1>
// CHECK-NEXT:    wavelet.stream_in %arg0 to(0, 0) instance(1) {{.*}}<tensor_dim = 1, size = 1, base = 2>
// CHECK-NEXT:    wavelet.stream_out result(0) from(0, 0) instance(1) {{.*}}<tensor_dim = 1, size = 1, base = 2>
// CHECK-NEXT:    wavelet.stream_in %arg0 to(0, 1) instance(1) {{.*}}<tensor_dim = 1, size = 1, base = 3>
// CHECK-NEXT:    wavelet.stream_out result(0) from(0, 1) instance(1) {{.*}}<tensor_dim = 1, size = 1, base = 3>
// CHECK-NEXT:    wavelet.stream_in %arg0 to(0, 0) instance(2) {{.*}}<tensor_dim = 1, size = 1, base = 4>
// CHECK-NEXT:    wavelet.stream_out result(0) from(0, 0) instance(2) {{.*}}<tensor_dim = 1, size = 1, base = 4>
// CHECK-NEXT:    wavelet.stream_in %arg0 to(0, 1) instance(2) {{.*}}<tensor_dim = 1, size = 1, base = 5>
// CHECK-NEXT:    wavelet.stream_out result(0) from(0, 1) instance(2) {{.*}}<tensor_dim = 1, size = 1, base = 5>
// CHECK-NEXT:    wavelet.route color(0) rx west tx ramp
// CHECK-NEXT:    wavelet.route color(1) rx ramp tx east
// out[ow] = sum_j weights[j] * in0[3j + ow], plus the bias broadcast; 2 output rows.
// CHECK-NEXT:    wavelet.task @main local {
// CHECK-NEXT:      wavelet.loop 2 {
// CHECK-NEXT:        wavelet.recv color(0) %in0[0:27]
// CHECK-NEXT:        wavelet.gemv %out[0:3], %weights[0:9], %in0[0] ld(3)
// CHECK-NEXT:        wavelet.binary add %out[0:3], %out[0:3], %bias[0:3:0]
// CHECK-NEXT:        wavelet.send color(1) %out[0:3]
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:  }
// CHECK-LABEL: func.func @main
// CHECK-NOT:   dataflow.conv
func.func @main(%x: tensor<1x5x4x6xf32>) -> tensor<1x5x2x3xf32> {
  %w = dataflow.constant dense<1.0> : tensor<5x1x3x3xf32> loc("w")
  %b = dataflow.constant dense<0.5> : tensor<5xf32> loc("b")
  %y = dataflow.conv %x, %w, %b {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 5 : i64} : (tensor<1x5x4x6xf32>, tensor<5x1x3x3xf32>, tensor<5xf32>) -> tensor<1x5x2x3xf32> loc("dw")
  return %y : tensor<1x5x2x3xf32>
}
