// RUN: accel-opt %s --wse-create-fabric="device=wse2:memory_bytes=2048,code_bytes_per_pe=0 grid=6x4" --accel-partition="target=wse" --convert-dataflow-to-wavelet | FileCheck %s

// y[2x72] = x[2x12] @ W[12x72] with 512 data words per PE: at most nb = 64 outputs, then
// cb = (512 - 3*64) / (64 + 1) = 4 inputs; evened out, 72 outputs in blocks of at most 64
// are 2 x 36 and 12 inputs in blocks of 4 stay 3 x 4, so a pn x pk = 2x3 rectangle of
// 4x36 weight blocks. chooseParallelism wants many copies (300 PE cycles a row against
// 84/34 I/O cycles) but the fabric is 6 wide (3 copies) and there are 2 rows: two
// instances each take one row. Colors are still the logical
// channels (0 activations, 1/2 partial sums); no placement, addresses, routes or tasks yet.
// CHECK:       wavelet.kernel @fc(%[[X:.*]]: tensor<2x12xf32>, %[[W:.*]]: tensor<12x72xf32>) -> tensor<2x72xf32>
// CHECK-NEXT:  wavelet.region @fc at(0, 0) size(2, 3) instances(2) attributes {plan = {bias = false, channels = 3 : i64, kb = 4 : i64, kind = "gemm", nb = 36 : i64, pk = 3 : i64, pn = 2 : i64, rows = 1 : i64, stream_weights = false}} {
// CHECK-NEXT:    %[[WB:.*]] = wavelet.buffer "weights" : !wavelet.buffer<144>
// CHECK-NEXT:    wavelet.buffer "act" : !wavelet.buffer<4>
// CHECK-NEXT:    wavelet.buffer "psum" : !wavelet.buffer<36>
// CHECK-NEXT:    wavelet.buffer "psum_in" : !wavelet.buffer<36>
// PE (x, y) holds W rows [4y, 4y+4) and columns [36x, 36x+36).
// CHECK-NEXT:    wavelet.init %[[WB]][0] from %[[W]] window(#wavelet.window<[<tensor_dim = 0, size = 4, per_y = 4>, <tensor_dim = 1, size = 36, per_x = 36>]>) : !wavelet.buffer<144>, tensor<12x72xf32>
// Row m of x enters PE row y as its k block y; instance i takes row i.
// CHECK-NEXT:    wavelet.stream_in %[[X]] to(0, 0) instance(0) side west color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 1, size = 4>]>) : tensor<2x12xf32>
// CHECK-NEXT:    wavelet.stream_in %[[X]] to(0, 1) instance(0) side west color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 1, size = 4, base = 4>]>)
// CHECK-NEXT:    wavelet.stream_in %[[X]] to(0, 2) instance(0) side west color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 1, size = 4, base = 8>]>)
// The bottom row (y = 2, even: channel 1) sends column block x out of the south edge.
// CHECK-NEXT:    wavelet.stream_out result(0) from(0, 2) instance(0) side south color(1) message(36) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 1, size = 36>]>)
// CHECK-NEXT:    wavelet.stream_out result(0) from(1, 2) instance(0) side south color(1) message(36) window(#wavelet.window<[<tensor_dim = 0, size = 1>, <tensor_dim = 1, size = 36, base = 36>]>)
// CHECK-NEXT:    wavelet.stream_in %[[X]] to(0, 0) instance(1) side west color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 1, base = 1>, <tensor_dim = 1, size = 4>]>)
// CHECK:         wavelet.stream_out result(0) from(1, 2) instance(1) side south color(1) message(36) window(#wavelet.window<[<tensor_dim = 0, size = 1, base = 1>, <tensor_dim = 1, size = 36, base = 36>]>)
// CHECK-NEXT:  }
// CHECK-NOT:   wavelet.route
// CHECK-NOT:   wavelet.task
// CHECK-NOT:   dataflow.matmul
func.func @main(%x: tensor<2x12xf32>) -> tensor<2x72xf32> {
  %w = dataflow.constant dense<1.0> : tensor<12x72xf32> loc("w")
  %y = dataflow.matmul %x, %w : (tensor<2x12xf32>, tensor<12x72xf32>) -> tensor<2x72xf32> loc("fc")
  return %y : tensor<2x72xf32>
}
