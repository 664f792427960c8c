// RUN: accel-opt %s --wse-create-fabric="device=wse2:memory_bytes=2088,code_bytes_per_pe=0 grid=4x4" --accel-partition="target=wse" --convert-dataflow-to-wavelet | FileCheck %s

// Blocks are evened out. y[1x1] = x[1x300] @ W[300x1] with 522 data words per PE: nb = 1,
// so at most cb = (522 - 3*1) / (1 + 1) = 259 inputs a PE. 300 inputs need 2 blocks of
// at most 259: 2 x 150 (not 259 + 41, which would leave the second PE row mostly
// multiplying padding). One row, so one instance.
// CHECK:       wavelet.region @fc at(0, 0) size(1, 2) attributes {plan = {bias = false, channels = 3 : i64, kb = 150 : i64, kind = "gemm", nb = 1 : i64, pk = 2 : i64, pn = 1 : i64, rows = 1 : i64, stream_weights = false}} {
// CHECK-NEXT:    %[[WB:.*]] = wavelet.buffer "weights" : !wavelet.buffer<150>
// CHECK-NEXT:    wavelet.buffer "act" : !wavelet.buffer<150>
// CHECK-NEXT:    wavelet.buffer "psum" : !wavelet.buffer<1>
// CHECK-NEXT:    wavelet.buffer "psum_in" : !wavelet.buffer<1>
// CHECK-NEXT:    wavelet.init %[[WB]][0] from %{{.*}} window(#wavelet.window<[<tensor_dim = 0, size = 150, per_y = 150>, <tensor_dim = 1, size = 1, per_x = 1>]>)
// CHECK-NEXT:    wavelet.stream_in %{{.*}} to(0, 0) instance(0) side west color(0) message(150) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 1, size = 150>]>)
// CHECK-NEXT:    wavelet.stream_in %{{.*}} to(0, 1) instance(0) side west color(0) message(150) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 1, size = 150, base = 150>]>)
// The bottom row y = 1 is odd: channel 2.
// CHECK-NEXT:    wavelet.stream_out result(0) from(0, 1) instance(0) side south color(2) message(1) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 1, size = 1>]>)
// CHECK-NEXT:  }
func.func @main(%x: tensor<1x300xf32>) -> tensor<1x1xf32> {
  %w = dataflow.constant dense<1.0> : tensor<300x1xf32> loc("w")
  %y = dataflow.matmul %x, %w : (tensor<1x300xf32>, tensor<300x1xf32>) -> tensor<1x1xf32> loc("fc")
  return %y : tensor<1x1xf32>
}
