// RUN: accel-opt %s | FileCheck %s
// RUN: accel-opt %s | accel-opt | FileCheck %s
// RUN: accel-opt %s --mlir-print-op-generic | accel-opt | FileCheck %s
// RUN: accel-opt %s --emit-bytecode | accel-opt | FileCheck %s

// A 2-tile matmul split over K, y[2x4] = x[2x8] * W[8x4]: tile t holds columns
// [4t, 4t + 4) of x (copied in from the host) and rows [4t, 4t + 4) of W (constant,
// loaded with the program), computes its 2x4 partial product, tile 1 sends its partial
// to tile 0 in an exchange, tile 0 adds the two partials in place and the sum goes back
// to the host.

// CHECK-LABEL: tile.ipu preset("test") tiles(2) memory_bytes(4096) workers(6) clock_hz(1.330000e+09) fields {preset = "test", tiles = 2 : i64} {
tile.ipu preset("test") tiles(2) memory_bytes(4096) workers(6) clock_hz(1.33e9)
    fields {preset = "test", tiles = 2 : i64} {
  // CHECK-NEXT: tile.kernel @fc(%[[X:.*]]: tensor<2x8xf32>, %[[W:.*]]: tensor<8x4xf32>) -> tensor<2x4xf32> attributes {flops = 128 : i64} {
  tile.kernel @fc(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>) -> tensor<2x4xf32>
      attributes {flops = 128 : i64} {
    // CHECK-NEXT: %x = tile.tensor "x" tiles [0, 1] offset(0) : !tile.tensor<8>
    // CHECK-NEXT: %w = tile.tensor "w" tiles [0, 1] offset(8) : !tile.tensor<16>
    // CHECK-NEXT: %partial = tile.tensor "partial" tiles [0, 1] offset(24) : !tile.tensor<8>
    // CHECK-NEXT: %received = tile.tensor "received" tiles [0] offset(32) : !tile.tensor<8>
    %xt = tile.tensor "x" tiles [0, 1] offset(0) : !tile.tensor<8>
    %wt = tile.tensor "w" tiles [0, 1] offset(8) : !tile.tensor<16>
    %p = tile.tensor "partial" tiles [0, 1] offset(24) : !tile.tensor<8>
    %q = tile.tensor "received" tiles [0] offset(32) : !tile.tensor<8>
    // CHECK-NEXT: tile.init %w[tile(0), 0:16] from %[[W]] view(#tile.view<dims = {{\[\[}}16, 1]]>) : !tile.tensor<16>, tensor<8x4xf32>
    // CHECK-NEXT: tile.init %w[tile(1), 0:16] from %[[W]] view(#tile.view<base = 16, dims = {{\[\[}}16, 1]]>) : !tile.tensor<16>, tensor<8x4xf32>
    tile.init %wt[tile(0), 0:16] from %w view(#tile.view<base = 0, dims = [[16, 1]], pad = 0.0>)
        : !tile.tensor<16>, tensor<8x4xf32>
    tile.init %wt[tile(1), 0:16] from %w view(#tile.view<base = 16, dims = [[16, 1]]>)
        : !tile.tensor<16>, tensor<8x4xf32>
    // CHECK-NEXT: tile.host_exchange "in" {
    // CHECK-NEXT:   tile.host_copy %[[X]] view(#tile.view<dims = {{\[\[}}2, 8], [4, 1]]>) to %x[tile(0), 0:8] : tensor<2x8xf32>, !tile.tensor<8>
    // CHECK-NEXT:   tile.host_copy %[[X]] view(#tile.view<base = 4, dims = {{\[\[}}2, 8], [4, 1]]>) to %x[tile(1), 0:8] : tensor<2x8xf32>, !tile.tensor<8>
    // CHECK-NEXT: }
    tile.host_exchange "in" {
      tile.host_copy %x view(#tile.view<dims = [[2, 8], [4, 1]]>) to %xt[tile(0), 0:8]
          : tensor<2x8xf32>, !tile.tensor<8>
      tile.host_copy %x view(#tile.view<base = 4, dims = [[2, 8], [4, 1]]>) to %xt[tile(1), 0:8]
          : tensor<2x8xf32>, !tile.tensor<8>
    }
    // CHECK-NEXT: tile.compute_set "partials" {
    // CHECK-NEXT:   tile.vertex matmul tile(0) out(%partial[0:8]) a(%x[0:8]) b(%w[0:16]) m(2) k(4) n(4) : !tile.tensor<8>, !tile.tensor<8>, !tile.tensor<16>
    // CHECK-NEXT:   tile.vertex matmul tile(1) out(%partial[0:8]) a(%x[0:8]) b(%w[0:16]) m(2) k(4) n(4) : !tile.tensor<8>, !tile.tensor<8>, !tile.tensor<16>
    // CHECK-NEXT: }
    tile.compute_set "partials" {
      tile.vertex matmul tile(0) out(%p[0:8]) a(%xt[0:8]) b(%wt[0:16]) m(2) k(4) n(4)
          : !tile.tensor<8>, !tile.tensor<8>, !tile.tensor<16>
      tile.vertex matmul tile(1) out(%p[0:8]) a(%xt[0:8]) b(%wt[0:16]) m(2) k(4) n(4)
          : !tile.tensor<8>, !tile.tensor<8>, !tile.tensor<16>
    }
    // CHECK-NEXT: tile.sync
    tile.sync
    // CHECK-NEXT: tile.exchange "gather" {
    // CHECK-NEXT:   tile.transfer %partial[tile(1), 0:8] to [%received[tile(0), 0]] : !tile.tensor<8>, !tile.tensor<8>
    // CHECK-NEXT: }
    tile.exchange "gather" {
      tile.transfer %p[tile(1), 0:8] to [%q[tile(0), 0]] : !tile.tensor<8>, !tile.tensor<8>
    }
    // CHECK-NEXT: tile.compute_set "sum" {
    // CHECK-NEXT:   tile.vertex add tile(0) out(%partial[0:8]) a(%partial[0:8]) b(%received[0:8]) : !tile.tensor<8>, !tile.tensor<8>, !tile.tensor<8>
    // CHECK-NEXT: }
    tile.compute_set "sum" {
      tile.vertex add tile(0) out(%p[0:8]) a(%p[0:8]) b(%q[0:8])
          : !tile.tensor<8>, !tile.tensor<8>, !tile.tensor<8>
    }
    // CHECK-NEXT: tile.sync
    tile.sync
    // CHECK-NEXT: tile.host_exchange "out" {
    // CHECK-NEXT:   tile.host_copy %partial[tile(0), 0:8] to result(0) view(#tile.view<dims = {{\[\[}}8, 1]]>) : !tile.tensor<8>
    // CHECK-NEXT: }
    // CHECK-NEXT: }
    tile.host_exchange "out" {
      tile.host_copy %p[tile(0), 0:8] to result(0) view(#tile.view<dims = [[8, 1]]>)
          : !tile.tensor<8>
    }
  }

  // Every op and attribute form once (not a meaningful program).
  // CHECK-LABEL: tile.kernel @every_op(
  // CHECK-SAME: %[[A:.*]]: tensor<4x4xf32>, %[[S:.*]]: tensor<f32>) -> (tensor<4xf32>, tensor<2xf32>) {
  tile.kernel @every_op(%a: tensor<4x4xf32>, %s: tensor<f32>) -> (tensor<4xf32>, tensor<2xf32>) {
    // CHECK-NEXT: %t = tile.tensor "t" tiles [0, 1] : !tile.tensor<32>
    // CHECK-NEXT: %u = tile.tensor "u" tiles [1] offset(1000) : !tile.tensor<8>
    %t = tile.tensor "t" tiles [0, 1] : !tile.tensor<32>
    %u = tile.tensor "u" tiles [1] offset(1000) : !tile.tensor<8>
    // CHECK-NEXT: tile.init %t[tile(1), 31:1] from %[[S]] view(#tile.view<>) : !tile.tensor<32>, tensor<f32>
    // CHECK-NEXT: tile.init %t[tile(0), 0:8] from %[[A]] view(#tile.view<base = -2, dims = {{\[\[}}2, 4], [4, -1]], pad = 0xFF800000>) : !tile.tensor<32>, tensor<4x4xf32>
    tile.init %t[tile(1), 31:1] from %s view(#tile.view<>) : !tile.tensor<32>, tensor<f32>
    tile.init %t[tile(0), 0:8] from %a
        view(#tile.view<pad = 0xFF800000, dims = [[2, 4], [4, -1]], base = -2>)
        : !tile.tensor<32>, tensor<4x4xf32>
    // CHECK-NEXT: tile.host_exchange "in" {
    // CHECK-NEXT:   tile.host_copy %[[A]] view(#tile.view<dims = {{\[\[}}16, 1]], pad = -1.500000e+00>) to %t[tile(1), 8:16] : tensor<4x4xf32>, !tile.tensor<32>
    tile.host_exchange "in" {
      tile.host_copy %a view(#tile.view<dims = [[16, 1]], pad = -1.5>) to %t[tile(1), 8:16]
          : tensor<4x4xf32>, !tile.tensor<32>
    }
    // CHECK-NEXT: }
    // CHECK-NEXT: tile.repeat 10 {
    // CHECK-NEXT:   tile.compute_set "every_codelet" {
    tile.repeat 10 {
      tile.compute_set "every_codelet" {
        // CHECK-NEXT: tile.vertex matmul tile(1) out(%t[0:4]) a(%t[8:4]) b(%t[12:4]) m(2) k(2) n(2) accumulate : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<32>
        tile.vertex matmul tile(1) out(%t[0:4]) a(%t[8:4]) b(%t[12:4]) m(2) k(2) n(2) accumulate
            : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<32>
        // CHECK-NEXT: tile.vertex add tile(1) out(%t[0:4]) a(%t[0:4]) b(%t[31:1])
        // CHECK-NEXT: tile.vertex sub tile(1)
        // CHECK-NEXT: tile.vertex mul tile(1)
        // CHECK-NEXT: tile.vertex div tile(1)
        // CHECK-NEXT: tile.vertex max tile(1)
        // CHECK-NEXT: tile.vertex min tile(1) out(%u[0:4]) a(%t[0:4]) b(%u[0:4]) : !tile.tensor<8>, !tile.tensor<32>, !tile.tensor<8>
        tile.vertex add tile(1) out(%t[0:4]) a(%t[0:4]) b(%t[31:1])
            : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<32>
        tile.vertex sub tile(1) out(%t[0:4]) a(%t[0:4]) b(%t[4:4])
            : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<32>
        tile.vertex mul tile(1) out(%t[0:4]) a(%t[0:4]) b(%t[4:4])
            : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<32>
        tile.vertex div tile(1) out(%t[0:4]) a(%t[0:4]) b(%t[4:4])
            : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<32>
        tile.vertex max tile(1) out(%t[0:4]) a(%t[0:4]) b(%t[4:4])
            : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<32>
        tile.vertex min tile(1) out(%u[0:4]) a(%t[0:4]) b(%u[0:4])
            : !tile.tensor<8>, !tile.tensor<32>, !tile.tensor<8>
        // CHECK-NEXT: tile.vertex unary relu tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        // CHECK-COUNT-12: tile.vertex unary {{[a-z]+}} tile(1) out(%t[0:4]) a(%t[0:4])
        tile.vertex unary relu tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary exp tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary sigmoid tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary tanh tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary erf tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary sqrt tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary rsqrt tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary recip tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary neg tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary abs tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary log tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary floor tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary ceil tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        // CHECK-NEXT: tile.vertex unary gelu tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        // CHECK-NEXT: tile.vertex unary leaky_relu tile(1) out(%t[0:4]) a(%t[0:4]) value(1.000000e-01) : !tile.tensor<32>, !tile.tensor<32>
        // CHECK-NEXT: tile.vertex unary hard_sigmoid tile(1) out(%t[0:4]) a(%t[0:4]) value(2.000000e-01) value2(5.000000e-01) : !tile.tensor<32>, !tile.tensor<32>
        // CHECK-NEXT: tile.vertex unary hard_swish tile(1)
        // CHECK-NEXT: tile.vertex unary softplus tile(1)
        // CHECK-NEXT: tile.vertex unary silu tile(1)
        // CHECK-NEXT: tile.vertex unary identity tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary gelu tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary leaky_relu tile(1) out(%t[0:4]) a(%t[0:4]) value(0.1) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary hard_sigmoid tile(1) out(%t[0:4]) a(%t[0:4]) value(0.2) value2(0.5)
            : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary hard_swish tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary softplus tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary silu tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex unary identity tile(1) out(%t[0:4]) a(%t[0:4]) : !tile.tensor<32>, !tile.tensor<32>
        // CHECK-NEXT: tile.vertex reduce_add tile(1) out(%t[0:2]) a(%t[8:16]) count(8) : !tile.tensor<32>, !tile.tensor<32>
        // CHECK-NEXT: tile.vertex reduce_max tile(1) out(%t[0:2]) a(%t[8:16]) count(8) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex reduce_add tile(1) out(%t[0:2]) a(%t[8:16]) count(8) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex reduce_max tile(1) out(%t[0:2]) a(%t[8:16]) count(8) : !tile.tensor<32>, !tile.tensor<32>
        // CHECK-NEXT: tile.vertex copy tile(0) out(%t[16:8]) a(%t[0:8]) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex copy tile(0) out(%t[16:8]) a(%t[0:8]) : !tile.tensor<32>, !tile.tensor<32>
        // CHECK-NEXT: tile.vertex fill tile(0) out(%t[24:8]) value(0.000000e+00) : !tile.tensor<32>
        tile.vertex fill tile(0) out(%t[24:8]) value(0.0) : !tile.tensor<32>
        // CHECK-NEXT: tile.vertex scaled_add tile(1) out(%t[0:4]) a(%t[0:4]) b(%t[4:4]) value(-2.500000e-01) : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<32>
        tile.vertex scaled_add tile(1) out(%t[0:4]) a(%t[0:4]) b(%t[4:4]) value(-0.25)
            : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<32>
        // The codelets added later: matmul with b transposed, a broadcast a, the window
        // codelets (defaults of #tile.window do not print), transpose and clamp.
        // CHECK-NEXT: tile.vertex matmul tile(1) out(%t[0:4]) a(%t[8:4]) b(%t[12:4]) m(2) k(2) n(2) accumulate transpose_b : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<32>
        tile.vertex matmul tile(1) out(%t[0:4]) a(%t[8:4]) b(%t[12:4]) m(2) k(2) n(2) accumulate transpose_b
            : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<32>
        // CHECK-NEXT: tile.vertex sub tile(1) out(%t[0:4]) a(%t[31:1]) b(%t[4:4]) : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<32>
        tile.vertex sub tile(1) out(%t[0:4]) a(%t[31:1]) b(%t[4:4])
            : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<32>
        // CHECK-NEXT: tile.vertex conv tile(1) out(%t[0:4]) a(%t[8:9]) b(%t[20:4]) window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 2, kw = 2, cout = 1>) accumulate : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<32>
        tile.vertex conv tile(1) out(%t[0:4]) a(%t[8:9]) b(%t[20:4])
            window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 2, kw = 2, sh = 1, sw = 1, dh = 1, dw = 1, ph = 0, pw = 0, cout = 1>)
            accumulate : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<32>
        // CHECK-NEXT: tile.vertex conv tile(1) out(%t[0:8]) a(%t[8:9]) b(%t[20:8]) window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 2, kw = 2, sh = 2, sw = 2, dh = 2, dw = 2, ph = 1, pw = 1, cout = 2>) : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<32>
        tile.vertex conv tile(1) out(%t[0:8]) a(%t[8:9]) b(%t[20:8])
            window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 2, kw = 2, sh = 2, sw = 2, dh = 2, dw = 2, ph = 1, pw = 1, cout = 2>)
            : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<32>
        // CHECK-NEXT: tile.vertex max_pool tile(1) out(%t[0:4]) a(%t[8:9]) window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 2, kw = 2, cout = 1>) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex max_pool tile(1) out(%t[0:4]) a(%t[8:9])
            window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 2, kw = 2, cout = 1>)
            : !tile.tensor<32>, !tile.tensor<32>
        // CHECK-NEXT: tile.vertex avg_pool tile(1) out(%t[0:4]) a(%t[8:9]) window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 2, kw = 2, sh = 2, sw = 2, ph = 1, pw = 1, cout = 1>) count_pad : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex avg_pool tile(1) out(%t[0:4]) a(%t[8:9])
            window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 2, kw = 2, sh = 2, sw = 2, ph = 1, pw = 1, cout = 1>)
            count_pad : !tile.tensor<32>, !tile.tensor<32>
        // CHECK-NEXT: tile.vertex transpose tile(1) out(%t[0:12]) a(%t[16:12]) m(2) n(3) count(2) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex transpose tile(1) out(%t[0:12]) a(%t[16:12]) m(2) n(3) count(2)
            : !tile.tensor<32>, !tile.tensor<32>
        // CHECK-NEXT: tile.vertex clamp tile(1) out(%t[0:4]) a(%t[0:4]) value(-1.000000e+00) value2(6.000000e+00) : !tile.tensor<32>, !tile.tensor<32>
        tile.vertex clamp tile(1) out(%t[0:4]) a(%t[0:4]) value(-1.0) value2(6.0)
            : !tile.tensor<32>, !tile.tensor<32>
      }
      // CHECK-NEXT: }
      // CHECK-NEXT: tile.sync
      // CHECK-NEXT: tile.repeat 1 {
      // CHECK-NEXT:   tile.exchange "spread" {
      // CHECK-NEXT:     tile.transfer %t[tile(1), 0:4] to [%t[tile(0), 0], %u[tile(1), 4], %t[tile(0), 28]] : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<8>, !tile.tensor<32>
      // CHECK-NEXT:     tile.transfer %t[tile(0), 16:2] to [%t[tile(1), 30]] : !tile.tensor<32>, !tile.tensor<32>
      // CHECK-NEXT:   }
      // CHECK-NEXT: }
      tile.sync
      tile.repeat 1 {
        tile.exchange "spread" {
          tile.transfer %t[tile(1), 0:4] to [%t[tile(0), 0], %u[tile(1), 4], %t[tile(0), 28]]
              : !tile.tensor<32>, !tile.tensor<32>, !tile.tensor<8>, !tile.tensor<32>
          tile.transfer %t[tile(0), 16:2] to [%t[tile(1), 30]] : !tile.tensor<32>, !tile.tensor<32>
        }
      }
    }
    // CHECK-NEXT: }
    // CHECK-NEXT: tile.host_exchange "out" {
    // CHECK-NEXT:   tile.host_copy %t[tile(0), 0:4] to result(0) view(#tile.view<dims = {{\[\[}}4, 1]]>) : !tile.tensor<32>
    // CHECK-NEXT:   tile.host_copy %u[tile(1), 0:2] to result(1) view(#tile.view<dims = {{\[\[}}2, 1]]>) {note = "kept"} : !tile.tensor<8>
    // CHECK-NEXT: }
    tile.host_exchange "out" {
      tile.host_copy %t[tile(0), 0:4] to result(0) view(#tile.view<dims = [[4, 1]]>) : !tile.tensor<32>
      tile.host_copy %u[tile(1), 0:2] to result(1) view(#tile.view<dims = [[2, 1]]>) {note = "kept"}
          : !tile.tensor<8>
    }
  }

  // A kernel running two ONNX nodes: its `layers` (with the nodes' locations) and each
  // step's `layer(i)`.
  // CHECK-LABEL: tile.kernel @two_layers(
  // CHECK-SAME: attributes {layers = [#tile.layer<"/fc/Gemm", flops = 64, loc = #[[GEMM:.*]]>, #tile.layer<"/act/Relu", flops = 8>]}
  // CHECK-NEXT: %v = tile.tensor "v" tiles [0] offset(0) : !tile.tensor<8>
  // CHECK-NEXT: tile.host_exchange "in" layer(0) {
  // CHECK:      tile.compute_set "fc" layer(0) {
  // CHECK:      tile.sync layer(0)
  // CHECK-NEXT: tile.repeat 2 layer(1) {
  // CHECK-NEXT:   tile.compute_set "relu" {
  // CHECK:      tile.exchange "none" layer(1) {
  // CHECK:      tile.host_exchange "out" {
  tile.kernel @two_layers(%x: tensor<8xf32>) -> tensor<8xf32>
      attributes {layers = [#tile.layer<"/fc/Gemm", flops = 64, loc = loc(fused<"Gemm">["/fc/Gemm"])>,
                            #tile.layer<"/act/Relu", flops = 8>]} {
    %v = tile.tensor "v" tiles [0] offset(0) : !tile.tensor<8>
    tile.host_exchange "in" layer(0) {
      tile.host_copy %x view(#tile.view<dims = [[8, 1]]>) to %v[tile(0), 0:8] : tensor<8xf32>, !tile.tensor<8>
    }
    tile.compute_set "fc" layer(0) {
      tile.vertex scaled_add tile(0) out(%v[0:8]) a(%v[0:8]) b(%v[0:8]) value(1.0)
          : !tile.tensor<8>, !tile.tensor<8>, !tile.tensor<8>
    }
    tile.sync layer(0)
    tile.repeat 2 layer(1) {
      tile.compute_set "relu" {
        tile.vertex unary relu tile(0) out(%v[0:8]) a(%v[0:8]) : !tile.tensor<8>, !tile.tensor<8>
      }
    }
    tile.exchange "none" layer(1) {
      tile.transfer %v[tile(0), 0:4] to [%v[tile(0), 4]] : !tile.tensor<8>, !tile.tensor<8>
    }
    tile.host_exchange "out" {
      tile.host_copy %v[tile(0), 0:8] to result(0) view(#tile.view<dims = [[8, 1]]>) : !tile.tensor<8>
    }
  }

  // Placed tensors may share words on a tile when they are never live at the same time
  // (a is last used by "first", b first used by "second").
  // CHECK-LABEL: tile.kernel @shared_words(
  // CHECK-NEXT: %a = tile.tensor "a" tiles [0] offset(0) : !tile.tensor<4>
  // CHECK-NEXT: %b = tile.tensor "b" tiles [0] offset(0) : !tile.tensor<4>
  tile.kernel @shared_words(%x: tensor<4xf32>) -> tensor<4xf32> {
    %a = tile.tensor "a" tiles [0] offset(0) : !tile.tensor<4>
    %b = tile.tensor "b" tiles [0] offset(0) : !tile.tensor<4>
    tile.host_exchange "in" {
      tile.host_copy %x view(#tile.view<dims = [[4, 1]]>) to %a[tile(0), 0:4]
          : tensor<4xf32>, !tile.tensor<4>
    }
    tile.compute_set "first" {
      tile.vertex unary relu tile(0) out(%a[0:4]) a(%a[0:4]) : !tile.tensor<4>, !tile.tensor<4>
    }
    tile.sync
    tile.compute_set "second" {
      tile.vertex fill tile(0) out(%b[0:4]) value(1.0) : !tile.tensor<4>
    }
    tile.sync
    tile.host_exchange "out" {
      tile.host_copy %b[tile(0), 0:4] to result(0) view(#tile.view<dims = [[4, 1]]>)
          : !tile.tensor<4>
    }
  }

  // Before mapping, a kernel holds the dataflow op it runs.
  // CHECK-LABEL: tile.kernel @relu(
  // CHECK-NEXT: dataflow.unary relu
  tile.kernel @relu(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
    %r = dataflow.unary relu %x : tensor<2x3xf32> -> tensor<2x3xf32>
  }
}

// The host program launches the kernel; W is a constant at the call site.
// CHECK-LABEL: func.func @main(
// CHECK: %[[CST:.*]] = dataflow.constant dense<5.000000e-01> : tensor<8x4xf32>
// CHECK-NEXT: %[[Y:.*]] = tile.launch @fc(%{{.*}}, %[[CST]]) : (tensor<2x8xf32>, tensor<8x4xf32>) -> tensor<2x4xf32>
// CHECK-NEXT: return %[[Y]] : tensor<2x4xf32>
func.func @main(%x: tensor<2x8xf32>) -> tensor<2x4xf32> {
  %w = dataflow.constant dense<5.000000e-01> : tensor<8x4xf32>
  %y = tile.launch @fc(%x, %w) : (tensor<2x8xf32>, tensor<8x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
