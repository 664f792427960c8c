// RUN: accel-opt %s | FileCheck %s
// RUN: accel-opt %s | accel-opt | FileCheck %s
// RUN: accel-opt %s --mlir-print-op-generic | accel-opt | FileCheck %s
// RUN: accel-opt %s --emit-bytecode | accel-opt | FileCheck %s

// A 4x3 GEMV region, y[1x8] = x[1x12] * W[12x8]: PE (px, py) holds W rows
// [4py, 4py + 4) and columns [2px, 2px + 2). The activations stream into the west edge
// (four per row) and are multicast east on color 0; every PE computes a partial sum of
// its two outputs; the partial sums are chained south, even rows sending on color 1 and
// odd rows on color 2 (pes y_mod = 2), and the last row sends them out of the south edge.

// CHECK-LABEL: wavelet.fabric preset("test") width(4) height(3) memory_bytes(49152) colors(24) clock_hz(8.500000e+08) fields {grid = "4x3", preset = "test"} {
wavelet.fabric preset("test") width(4) height(3) memory_bytes(49152) colors(24)
    clock_hz(8.5e8) fields {grid = "4x3", preset = "test"} {
  // CHECK-NEXT: wavelet.kernel @fc(%[[X:.*]]: tensor<1x12xf32>, %[[W:.*]]: tensor<12x8xf32>) -> tensor<1x8xf32> attributes {flops = 192 : i64} {
  wavelet.kernel @fc(%x: tensor<1x12xf32>, %w: tensor<12x8xf32>) -> tensor<1x8xf32>
      attributes {flops = 192 : i64} {
    // CHECK-NEXT: wavelet.region @fc at(0, 0) size(4, 3) code_bytes(1024) memory_words(16) {
    wavelet.region @fc at(0, 0) size(4, 3) code_bytes(1024) memory_words(16) {
      // CHECK-NEXT: %x = wavelet.buffer "x" addr(0) : !wavelet.buffer<4>
      // CHECK-NEXT: %w = wavelet.buffer "w" addr(4) : !wavelet.buffer<8>
      // CHECK-NEXT: %psum = wavelet.buffer "psum" addr(12) : !wavelet.buffer<2>
      // CHECK-NEXT: %in = wavelet.buffer "in" addr(14) : !wavelet.buffer<2>
      %xb = wavelet.buffer "x" addr(0) : !wavelet.buffer<4>
      %wb = wavelet.buffer "w" addr(4) : !wavelet.buffer<8>
      %psum = wavelet.buffer "psum" addr(12) : !wavelet.buffer<2>
      %in = wavelet.buffer "in" addr(14) : !wavelet.buffer<2>
      // Multicast x east (the east column only takes it in).
      // CHECK-NEXT: wavelet.route color(0) rx west tx east|ramp{{$}}
      // CHECK-NEXT: wavelet.route color(0) rx west tx ramp pes(#wavelet.pes<x0 = 3>)
      wavelet.route color(0) rx west tx east|ramp
      wavelet.route color(0) rx west tx ramp pes(#wavelet.pes<x0 = 3>)
      // Partial sums: even rows send on 1, odd rows on 2; the next row takes them in.
      // CHECK-NEXT: wavelet.route color(1) rx ramp tx south pes(#wavelet.pes<y_mod = 2>)
      // CHECK-NEXT: wavelet.route color(1) rx north tx ramp pes(#wavelet.pes<y_mod = 2, y_rem = 1>)
      // CHECK-NEXT: wavelet.route color(2) rx ramp tx south pes(#wavelet.pes<y_mod = 2, y_rem = 1>)
      // CHECK-NEXT: wavelet.route color(2) rx north tx ramp pes(#wavelet.pes<y0 = 1, y_mod = 2>)
      wavelet.route color(1) rx ramp tx south pes(#wavelet.pes<y_mod = 2>)
      wavelet.route color(1) rx north tx ramp pes(#wavelet.pes<y_mod = 2, y_rem = 1>)
      wavelet.route color(2) rx ramp tx south pes(#wavelet.pes<y_mod = 2, y_rem = 1>)
      wavelet.route color(2) rx north tx ramp pes(#wavelet.pes<y0 = 1, y_mod = 2>)
      // CHECK-NEXT: wavelet.init %w[0] from %[[W]] window(#wavelet.window<[<tensor_dim = 0, size = 4, per_y = 4>, <tensor_dim = 1, size = 2, per_x = 2>]>) : !wavelet.buffer<8>, tensor<12x8xf32>
      wavelet.init %wb[0] from %w
          window(#wavelet.window<[<tensor_dim = 0, size = 4, per_y = 4>,
                                  <tensor_dim = 1, size = 2, per_x = 2>]>)
          : !wavelet.buffer<8>, tensor<12x8xf32>
      // CHECK-NEXT: wavelet.stream_in %[[X]] to(0, 0) instance(0) side west color(0) message(4) window(#wavelet.window<[<tensor_dim = 1, size = 4, per_y = 4>]>) : tensor<1x12xf32>
      // CHECK-NEXT: wavelet.stream_in %[[X]] to(0, 1)
      // CHECK-NEXT: wavelet.stream_in %[[X]] to(0, 2)
      wavelet.stream_in %x to(0, 0) instance(0) side west color(0) message(4)
          window(#wavelet.window<[<tensor_dim = 1, size = 4, per_y = 4>]>) : tensor<1x12xf32>
      wavelet.stream_in %x to(0, 1) instance(0) side west color(0) message(4)
          window(#wavelet.window<[<tensor_dim = 1, size = 4, per_y = 4>]>) : tensor<1x12xf32>
      wavelet.stream_in %x to(0, 2) instance(0) side west color(0) message(4)
          window(#wavelet.window<[<tensor_dim = 1, size = 4, per_y = 4>]>) : tensor<1x12xf32>
      // CHECK-NEXT: wavelet.stream_out result(0) from(0, 2) instance(0) side south color(1) message(2) window(#wavelet.window<[<tensor_dim = 1, size = 2, per_x = 2>]>){{$}}
      // CHECK-NEXT: wavelet.stream_out result(0) from(1, 2)
      // CHECK-NEXT: wavelet.stream_out result(0) from(2, 2)
      // CHECK-NEXT: wavelet.stream_out result(0) from(3, 2)
      wavelet.stream_out result(0) from(0, 2) instance(0) side south color(1) message(2)
          window(#wavelet.window<[<tensor_dim = 1, size = 2, per_x = 2>]>)
      wavelet.stream_out result(0) from(1, 2) instance(0) side south color(1) message(2)
          window(#wavelet.window<[<tensor_dim = 1, size = 2, per_x = 2>]>)
      wavelet.stream_out result(0) from(2, 2) instance(0) side south color(1) message(2)
          window(#wavelet.window<[<tensor_dim = 1, size = 2, per_x = 2>]>)
      wavelet.stream_out result(0) from(3, 2) instance(0) side south color(1) message(2)
          window(#wavelet.window<[<tensor_dim = 1, size = 2, per_x = 2>]>)
      // CHECK-NEXT: wavelet.task @main local {
      // CHECK-NEXT:   wavelet.recv color(0) %x[0:4] : !wavelet.buffer<4>
      // CHECK-NEXT:   wavelet.gemv %psum[0:2], %x[0:4], %w[0] ld(2) : !wavelet.buffer<2>, !wavelet.buffer<4>, !wavelet.buffer<8>
      // CHECK-NEXT:   wavelet.recv color(1) %in[0:2] pes(#wavelet.pes<y_mod = 2, y_rem = 1>) : !wavelet.buffer<2>
      // CHECK-NEXT:   wavelet.recv color(2) %in[0:2] pes(#wavelet.pes<y0 = 1, y_mod = 2>) : !wavelet.buffer<2>
      // CHECK-NEXT:   wavelet.binary add %psum[0:2], %psum[0:2], %in[0:2] pes(#wavelet.pes<y0 = 1>) : !wavelet.buffer<2>, !wavelet.buffer<2>, !wavelet.buffer<2>
      // CHECK-NEXT:   wavelet.send color(1) %psum[0:2] pes(#wavelet.pes<y_mod = 2>) : !wavelet.buffer<2>
      // CHECK-NEXT:   wavelet.send color(2) %psum[0:2] pes(#wavelet.pes<y_mod = 2, y_rem = 1>) : !wavelet.buffer<2>
      // CHECK-NEXT: }
      wavelet.task @main local {
        wavelet.recv color(0) %xb[0:4] : !wavelet.buffer<4>
        wavelet.gemv %psum[0:2], %xb[0:4], %wb[0] ld(2)
            : !wavelet.buffer<2>, !wavelet.buffer<4>, !wavelet.buffer<8>
        wavelet.recv color(1) %in[0:2] pes(#wavelet.pes<y_mod = 2, y_rem = 1>) : !wavelet.buffer<2>
        wavelet.recv color(2) %in[0:2] pes(#wavelet.pes<y0 = 1, y_mod = 2>) : !wavelet.buffer<2>
        wavelet.binary add %psum[0:2], %psum[0:2], %in[0:2] pes(#wavelet.pes<y0 = 1>)
            : !wavelet.buffer<2>, !wavelet.buffer<2>, !wavelet.buffer<2>
        wavelet.send color(1) %psum[0:2] pes(#wavelet.pes<y_mod = 2>) : !wavelet.buffer<2>
        wavelet.send color(2) %psum[0:2] pes(#wavelet.pes<y_mod = 2, y_rem = 1>) : !wavelet.buffer<2>
      }
    }
  }

  // Every op and attribute form once (not a meaningful program).
  // CHECK-LABEL: wavelet.kernel @every_op(
  // CHECK-SAME: %[[A:.*]]: tensor<2x18xf32>, %[[C:.*]]: tensor<8xf32>, %[[S:.*]]: tensor<f32>) -> tensor<2x2xf32> {
  wavelet.kernel @every_op(%a: tensor<2x18xf32>, %c: tensor<8xf32>, %s: tensor<f32>)
      -> tensor<2x2xf32> {
    // CHECK-NEXT: wavelet.region @pair at(0, 1) size(2, 1) instances(2) {
    wavelet.region @pair at(0, 1) size(2, 1) instances(2) code_bytes(0) {
      // CHECK-NEXT: %t = wavelet.buffer "t" : !wavelet.buffer<18>
      // CHECK-NEXT: %y = wavelet.buffer "y" : !wavelet.buffer<2>
      // CHECK-NEXT: %k = wavelet.buffer "k" : !wavelet.buffer<9>
      %t = wavelet.buffer "t" : !wavelet.buffer<18>
      %y = wavelet.buffer "y" : !wavelet.buffer<2>
      %k = wavelet.buffer "k" : !wavelet.buffer<9>
      // CHECK-NEXT: wavelet.route color(3) rx west tx ramp pes(#wavelet.pes<x1 = 1>)
      // CHECK-NEXT: wavelet.route color(4) rx ramp tx east pes(#wavelet.pes<x0 = 1, x1 = 2, y1 = 1>)
      // CHECK-NEXT: wavelet.route color(5) rx ramp tx east pes(#wavelet.pes<x_mod = 2>)
      // CHECK-NEXT: wavelet.route color(5) rx west tx ramp pes(#wavelet.pes<x_mod = 2, x_rem = 1>)
      // CHECK-NEXT: wavelet.route color(6) rx north|south tx ramp pes(#wavelet.pes<>)
      wavelet.route color(3) rx west tx ramp pes(#wavelet.pes<x1 = 1>)
      wavelet.route color(4) rx ramp tx east
          pes(#wavelet.pes<x0 = 1, x1 = 2, y0 = 0, y1 = 1, x_mod = 1, x_rem = 0, y_mod = 1, y_rem = 0>)
      wavelet.route color(5) rx ramp tx east pes(#wavelet.pes<x_mod = 2>)
      wavelet.route color(5) rx west tx ramp pes(#wavelet.pes<x_rem = 1, x_mod = 2>)
      wavelet.route color(6) rx south|north tx ramp pes(#wavelet.pes<>)
      // CHECK-NEXT: wavelet.init %k[0] from %[[C]] window(#wavelet.window<[<tensor_dim = 0, size = 8, step = 2, base = -1, per_x = 1, per_x_div = 2, per_y = 3, per_y_div = 4, per_instance = 5, x_mod = 2, y_mod = 3>], pad = 0xFF800000>) pes(#wavelet.pes<x_mod = 2>) : !wavelet.buffer<9>, tensor<8xf32>
      wavelet.init %k[0] from %c
          window(#wavelet.window<[<y_mod = 3, x_mod = 2, per_instance = 5, per_y_div = 4,
                                   per_y = 3, per_x_div = 2, per_x = 1, base = -1, step = 2,
                                   size = 8, tensor_dim = 0>], pad = 0xFF800000>)
          pes(#wavelet.pes<x_mod = 2>) : !wavelet.buffer<9>, tensor<8xf32>
      // CHECK-NEXT: wavelet.init %k[8] from %[[S]] window(#wavelet.window<[], pad = -1.500000e+00>) : !wavelet.buffer<9>, tensor<f32>
      wavelet.init %k[8] from %s window(#wavelet.window<[], pad = -1.5>)
          : !wavelet.buffer<9>, tensor<f32>
      // CHECK-NEXT: wavelet.stream_in %[[A]] to(0, 0) instance(0) side west color(3) message(18) window(#wavelet.window<[<tensor_dim = 0, size = 1, per_instance = 1>, <tensor_dim = 1, size = 18>]>) : tensor<2x18xf32>
      // CHECK-NEXT: wavelet.stream_in %[[A]] to(0, 0) instance(1)
      wavelet.stream_in %a to(0, 0) instance(0) side west color(3) message(18)
          window(#wavelet.window<[<tensor_dim = 0, size = 1, per_instance = 1>,
                                  <tensor_dim = 1, size = 18>]>) : tensor<2x18xf32>
      wavelet.stream_in %a to(0, 0) instance(1) side west color(3) message(18)
          window(#wavelet.window<[<tensor_dim = 0, size = 1, per_instance = 1>,
                                  <tensor_dim = 1, size = 18>]>) : tensor<2x18xf32>
      // CHECK-NEXT: wavelet.stream_out result(0) from(1, 0) instance(0) side east color(4) message(2) window(#wavelet.window<[<tensor_dim = 0, size = 1, per_instance = 1>, <tensor_dim = 1, size = 2>]>)
      // CHECK-NEXT: wavelet.stream_out result(0) from(1, 0) instance(1)
      wavelet.stream_out result(0) from(1, 0) instance(0) side east color(4) message(2)
          window(#wavelet.window<[<tensor_dim = 0, size = 1, per_instance = 1>,
                                  <tensor_dim = 1, size = 2>]>)
      wavelet.stream_out result(0) from(1, 0) instance(1) side east color(4) message(2)
          window(#wavelet.window<[<tensor_dim = 0, size = 1, per_instance = 1>,
                                  <tensor_dim = 1, size = 2>]>)
      // CHECK-NEXT: wavelet.task @main local {
      wavelet.task @main local {
        // CHECK-NEXT: wavelet.recv color(3) %t[0:18] pes(#wavelet.pes<x1 = 1>) : !wavelet.buffer<18>
        wavelet.recv color(3) %t[0:18] pes(#wavelet.pes<x1 = 1>) : !wavelet.buffer<18>
        // CHECK-NEXT: wavelet.fill %y[0:2] value(0.000000e+00) : !wavelet.buffer<2>
        wavelet.fill %y[0:2] value(0.0) : !wavelet.buffer<2>
        // CHECK-NEXT: wavelet.reduce add %y[0:2], %t[0:18] segment(9) : !wavelet.buffer<2>, !wavelet.buffer<18>
        // CHECK-NEXT: wavelet.reduce max %y[0:2], %t[0:18] segment(9) : !wavelet.buffer<2>, !wavelet.buffer<18>
        wavelet.reduce add %y[0:2], %t[0:18] segment(9) : !wavelet.buffer<2>, !wavelet.buffer<18>
        wavelet.reduce max %y[0:2], %t[0:18] segment(9) : !wavelet.buffer<2>, !wavelet.buffer<18>
        // CHECK-NEXT: wavelet.mov %y[0:2], %t[0:2:9] : !wavelet.buffer<2>, !wavelet.buffer<18>
        wavelet.mov %y[0:2:1], %t[0:2:9] : !wavelet.buffer<2>, !wavelet.buffer<18>
        // CHECK-NEXT: wavelet.binary add %y[0:2], %y[0:2], %k[8:2:0]
        // CHECK-NEXT: wavelet.binary sub
        // CHECK-NEXT: wavelet.binary mul
        // CHECK-NEXT: wavelet.binary div
        // CHECK-NEXT: wavelet.binary max
        // CHECK-NEXT: wavelet.binary min
        wavelet.binary add %y[0:2], %y[0:2], %k[8:2:0] : !wavelet.buffer<2>, !wavelet.buffer<2>, !wavelet.buffer<9>
        wavelet.binary sub %y[0:2], %y[0:2], %k[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>, !wavelet.buffer<9>
        wavelet.binary mul %y[0:2], %y[0:2], %k[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>, !wavelet.buffer<9>
        wavelet.binary div %y[0:2], %y[0:2], %k[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>, !wavelet.buffer<9>
        wavelet.binary max %y[0:2], %y[0:2], %k[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>, !wavelet.buffer<9>
        wavelet.binary min %y[0:2], %y[0:2], %k[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>, !wavelet.buffer<9>
        // CHECK-NEXT: wavelet.fmac %y[0:2], %y[0:2], %k[0:2], %k[7:1] : !wavelet.buffer<2>, !wavelet.buffer<2>, !wavelet.buffer<9>, !wavelet.buffer<9>
        wavelet.fmac %y[0:2], %y[0:2], %k[0:2], %k[7:1]
            : !wavelet.buffer<2>, !wavelet.buffer<2>, !wavelet.buffer<9>, !wavelet.buffer<9>
        // CHECK-NEXT: wavelet.gemv %y[0:2], %t[0:4:2], %k[0] ld(2) accumulate : !wavelet.buffer<2>, !wavelet.buffer<18>, !wavelet.buffer<9>
        wavelet.gemv %y[0:2], %t[0:4:2], %k[0] ld(2) accumulate
            : !wavelet.buffer<2>, !wavelet.buffer<18>, !wavelet.buffer<9>
        // CHECK-NEXT: wavelet.loop 3 pes(#wavelet.pes<y_mod = 2>) {
        // CHECK-NEXT:   wavelet.loop 2 {
        // CHECK-NEXT:     wavelet.unary relu %y[0:2], %y[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>
        wavelet.loop 3 pes(#wavelet.pes<y_mod = 2>) {
          wavelet.loop 2 {
            wavelet.unary relu %y[0:2], %y[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>
            wavelet.unary exp %y[0:2], %y[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>
            wavelet.unary sigmoid %y[0:2], %y[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>
            wavelet.unary tanh %y[0:2], %y[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>
            wavelet.unary erf %y[0:2], %y[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>
            wavelet.unary sqrt %y[0:2], %y[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>
            wavelet.unary rsqrt %y[0:2], %y[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>
            wavelet.unary recip %y[0:2], %y[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>
            wavelet.unary neg %y[0:2], %y[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>
            wavelet.unary abs %y[0:2], %y[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>
            wavelet.unary log %y[0:2], %y[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>
            wavelet.unary floor %y[0:2], %y[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>
            wavelet.unary ceil %y[0:2], %y[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>
          }
        }
        // CHECK-COUNT-12: wavelet.unary {{[a-z]+}} %y[0:2], %y[0:2]
        // CHECK-NEXT: }
        // CHECK-NEXT: }
        // CHECK-NEXT: wavelet.send color(5) %y[0:2] pes(#wavelet.pes<x_mod = 2>) : !wavelet.buffer<2>
        wavelet.send color(5) %y[0:2] pes(#wavelet.pes<x_mod = 2>) : !wavelet.buffer<2>
      }
      // CHECK-NEXT: }
      // CHECK-NEXT: wavelet.task @on_y data color(5) {
      // CHECK-NEXT:   wavelet.recv color(5) %y[0:2] : !wavelet.buffer<2>
      // CHECK-NEXT:   wavelet.send color(4) %y[0:2] : !wavelet.buffer<2>
      wavelet.task @on_y data color(5) {
        wavelet.recv color(5) %y[0:2] : !wavelet.buffer<2>
        wavelet.send color(4) %y[0:2] : !wavelet.buffer<2>
      }
    }
  }
}

// The host program launches the kernel; W is a constant at the call site.
// CHECK-LABEL: func.func @main(
// CHECK: %[[CST:.*]] = dataflow.constant dense<5.000000e-01> : tensor<12x8xf32>
// CHECK-NEXT: %[[Y:.*]] = wavelet.launch @fc(%{{.*}}, %[[CST]]) : (tensor<1x12xf32>, tensor<12x8xf32>) -> tensor<1x8xf32>
// CHECK-NEXT: return %[[Y]] : tensor<1x8xf32>
func.func @main(%x: tensor<1x12xf32>) -> tensor<1x8xf32> {
  %w = dataflow.constant dense<5.000000e-01> : tensor<12x8xf32>
  %y = wavelet.launch @fc(%x, %w) : (tensor<1x12xf32>, tensor<12x8xf32>) -> tensor<1x8xf32>
  return %y : tensor<1x8xf32>
}
