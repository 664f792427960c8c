// RUN: accel-opt %s --wse-create-fabric="grid=8x8" --accel-partition="target=wse" --convert-dataflow-to-wavelet | FileCheck %s

// A 3x3 conv with pads 1, 2 -> 4 channels on a 4x4 image, as a GEMM with K = 2*3*3 = 18
// and N = 4: one PE holds all of W. chooseParallelism: a row costs 18*(3+4) + 4*4 = 142
// PE cycles against (18+4)/34 I/O cycles, so it wants far more than the fabric gives: 8
// (8 columns / 1, times max(1, 8/8)). 4 output rows give 4 instances, and the rest splits
// the 4 output columns into ceil(8/4) = 2 regions (`_w0`, `_w1`) of 2 columns, each
// instance computing N*2 = 2 output pixels (rows = 2). Each activation message is one
// output pixel's im2col row, read through a window with the pads (base -1) so padding
// reads as 0. The bias sits with the partial sums (one PE row, so no guard).
// CHECK:       wavelet.kernel @conv(%[[X:.*]]: tensor<1x2x4x4xf32>, %[[W:.*]]: tensor<4x2x3x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT:  wavelet.region @conv_w0 at(0, 0) size(1, 1) instances(4) attributes {plan = {bias = true, channels = 3 : i64, kb = 18 : i64, kind = "gemm", nb = 4 : i64, pk = 1 : i64, pn = 1 : i64, rows = 2 : i64, stream_weights = false}} {
// CHECK-NEXT:    %[[WB:.*]] = wavelet.buffer "weights" : !wavelet.buffer<72>
// CHECK-NEXT:    wavelet.buffer "act" : !wavelet.buffer<18>
// CHECK-NEXT:    wavelet.buffer "psum" : !wavelet.buffer<4>
// CHECK-NEXT:    wavelet.init %[[WB]][0] from %[[W]] window(#wavelet.window<[<tensor_dim = 1, size = 2, per_y = 2>, <tensor_dim = 2, size = 3>, <tensor_dim = 3, size = 3>, <tensor_dim = 0, size = 4, per_x = 4>]>)
// CHECK-NEXT:    %[[BB:.*]] = wavelet.buffer "bias" : !wavelet.buffer<4>
// CHECK-NEXT:    wavelet.init %[[BB]][0] from %[[B]] window(#wavelet.window<[<tensor_dim = 0, size = 4, per_x = 4>]>) : !wavelet.buffer<4>, tensor<4xf32>
// Instance i: output row i (input rows from i - 1), output columns 0..1 (input from -1).
// CHECK-NEXT:    wavelet.stream_in %[[X]] to(0, 0) instance(0) side west color(0) message(18) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 2, size = 1, base = -1>, <tensor_dim = 3, size = 2, base = -1>, <tensor_dim = 1, size = 2>, <tensor_dim = 2, size = 3>, <tensor_dim = 3, size = 3>]>)
// CHECK-NEXT:    wavelet.stream_out result(0) from(0, 0) instance(0) side south color(1) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 2, size = 1>, <tensor_dim = 3, size = 2>, <tensor_dim = 1, size = 4>]>)
// CHECK:         wavelet.stream_in %[[X]] to(0, 0) instance(3) side west color(0) message(18) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 2, size = 1, base = 2>, <tensor_dim = 3, size = 2, base = -1>,
// CHECK-NEXT:    wavelet.stream_out result(0) from(0, 0) instance(3) side south color(1) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 2, size = 1, base = 3>, <tensor_dim = 3, size = 2>,
// CHECK-NEXT:  }
// The second region takes output columns 2..3: input columns from 2*1 - 1 = 1.
// CHECK-NEXT:  wavelet.region @conv_w1 at(0, 0) size(1, 1) instances(4) attributes {plan = {bias = true, channels = 3 : i64, kb = 18 : i64, kind = "gemm", nb = 4 : i64, pk = 1 : i64, pn = 1 : i64, rows = 2 : i64, stream_weights = false}} {
// CHECK:         wavelet.stream_in %[[X]] to(0, 0) instance(0) side west color(0) message(18) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 2, size = 1, base = -1>, <tensor_dim = 3, size = 2, base = 1>, <tensor_dim = 1, size = 2>, <tensor_dim = 2, size = 3>, <tensor_dim = 3, size = 3>]>)
// CHECK-NEXT:    wavelet.stream_out result(0) from(0, 0) instance(0) side south color(1) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 2, size = 1>, <tensor_dim = 3, size = 2, base = 2>, <tensor_dim = 1, size = 4>]>)
// CHECK:         wavelet.stream_out result(0) from(0, 0) instance(3) side south color(1) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 2, size = 1, base = 3>, <tensor_dim = 3, size = 2, base = 2>, <tensor_dim = 1, size = 4>]>)
// CHECK-NEXT:  }
// CHECK-NOT:   wavelet.region @conv

// A grouped conv (2 groups) gets one region per group (blocks dividing the group: cb = 2,
// nb = 2), each split into 2 output-column regions as above (suffix `_g<g>_w<i>`); group 1
// reads input channels [2, 4) and writes output channels [2, 4).
// CHECK-LABEL: wavelet.kernel @grouped(
// CHECK:       wavelet.region @grouped_g0_w0 at(0, 0) size(1, 1) instances(4) attributes {plan = {bias = false, channels = 3 : i64, kb = 18 : i64, kind = "gemm", nb = 2 : i64, pk = 1 : i64, pn = 1 : i64, rows = 2 : i64, stream_weights = false}}
// CHECK:         wavelet.init %{{.*}}[0] from %{{.*}} window(#wavelet.window<[<tensor_dim = 1, size = 2, per_y = 2>, <tensor_dim = 2, size = 3>, <tensor_dim = 3, size = 3>, <tensor_dim = 0, size = 2, per_x = 2>]>)
// CHECK:       wavelet.region @grouped_g0_w1 at(0, 0) size(1, 1) instances(4)
// CHECK:       wavelet.region @grouped_g1_w0 at(0, 0) size(1, 1) instances(4)
// CHECK:         wavelet.init %{{.*}}[0] from %{{.*}} window(#wavelet.window<[<tensor_dim = 1, size = 2, per_y = 2>, <tensor_dim = 2, size = 3>, <tensor_dim = 3, size = 3>, <tensor_dim = 0, size = 2, base = 2, per_x = 2>]>)
// CHECK:         wavelet.stream_in %{{.*}} to(0, 0) instance(0) side west color(0) message(18) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 2, size = 1, base = -1>, <tensor_dim = 3, size = 2, base = -1>, <tensor_dim = 1, size = 2, base = 2>,
// CHECK:         wavelet.stream_out result(0) from(0, 0) instance(0) side south color(1) message(2) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 2, size = 1>, <tensor_dim = 3, size = 2>, <tensor_dim = 1, size = 2, base = 2>]>)
// CHECK:       wavelet.region @grouped_g1_w1 at(0, 0) size(1, 1) instances(4)
// CHECK:         wavelet.stream_out result(0) from(0, 0) instance(3) side south color(1) message(2) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 2, size = 1, base = 3>, <tensor_dim = 3, size = 2, base = 2>, <tensor_dim = 1, size = 2, base = 2>]>)
// CHECK-NOT:   wavelet.region
func.func @main(%x: tensor<1x2x4x4xf32>, %g: tensor<1x4x4x4xf32>) -> (tensor<1x4x4x4xf32>, tensor<1x4x4x4xf32>) {
  %w = dataflow.constant dense<1.0> : tensor<4x2x3x3xf32> loc("w")
  %b = dataflow.constant dense<0.5> : tensor<4xf32> loc("b")
  %y = dataflow.conv %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x4xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32> loc("conv")
  %gw = dataflow.constant dense<1.0> : tensor<4x2x3x3xf32> loc("gw")
  %z = dataflow.conv %g, %gw {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 2 : i64} : (tensor<1x4x4x4xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x4x4xf32> loc("grouped")
  return %y, %z : tensor<1x4x4x4xf32>, tensor<1x4x4x4xf32>
}
