// RUN: accel-opt %s --wse-create-fabric="device=wse2:memory_bytes=2048,code_bytes_per_pe=0 grid=6x8" --accel-partition=target=wse --convert-dataflow-to-wavelet --wse-place --wse-route --wse-allocate-memory --wse-generate-tasks | FileCheck %s
// RUN: accel-opt %s --wse-create-fabric="grid=8x8" --accel-partition=target=wse --convert-dataflow-to-wavelet --wse-place --wse-route --wse-allocate-memory --wse-generate-tasks | FileCheck %s --check-prefix=BIAS

// GEMM, one activation row per iteration: receive the k block, gemv with the resident
// weights, receive the partial sums from the north (odd rows on color 1, rows 2, 4, ... on
// color 2), add them (every row but the first), send south on the row's color. Blocks of
// 4 inputs x 36 outputs (gemm.mlir).
// CHECK-LABEL: wavelet.kernel @fc(
// CHECK:         wavelet.task @main local {
// CHECK-NEXT:      wavelet.loop 1 {
// CHECK-NEXT:        wavelet.recv color(0) %act[0:4] : !wavelet.buffer<4>
// CHECK-NEXT:        wavelet.gemv %psum[0:36], %act[0:4], %weights[0] ld(36) : !wavelet.buffer<36>, !wavelet.buffer<4>, !wavelet.buffer<144>
// CHECK-NEXT:        wavelet.recv color(1) %psum_in[0:36] pes(#wavelet.pes<y_mod = 2, y_rem = 1>) : !wavelet.buffer<36>
// CHECK-NEXT:        wavelet.recv color(2) %psum_in[0:36] pes(#wavelet.pes<y0 = 2, y_mod = 2>) : !wavelet.buffer<36>
// CHECK-NEXT:        wavelet.binary add %psum[0:36], %psum[0:36], %psum_in[0:36] pes(#wavelet.pes<y0 = 1>)
// CHECK-NEXT:        wavelet.send color(1) %psum[0:36] pes(#wavelet.pes<y_mod = 2>) : !wavelet.buffer<36>
// CHECK-NEXT:        wavelet.send color(2) %psum[0:36] pes(#wavelet.pes<y_mod = 2, y_rem = 1>) : !wavelet.buffer<36>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// GELU as DSD ops: 0.5 * x * (1 + erf(x / sqrt(2))) with the constants filled once. The
// 2x72 input is one message of 144 words (at most (512 - 4) / 3 = 169 with one operand).
// CHECK-LABEL: wavelet.kernel @gelu(
// CHECK:         wavelet.task @main local {
// CHECK-NEXT:      wavelet.fill %consts[0:1] value(0.707106769) : !wavelet.buffer<4>
// CHECK-NEXT:      wavelet.fill %consts[1:1] value(1.000000e+00)
// CHECK-NEXT:      wavelet.fill %consts[2:1] value(5.000000e-01)
// CHECK-NEXT:      wavelet.loop 1 {
// CHECK-NEXT:        wavelet.recv color(0) %in0[0:144]
// CHECK-NEXT:        wavelet.binary mul %tmp[0:144], %in0[0:144], %consts[0:144:0]
// CHECK-NEXT:        wavelet.unary erf %tmp[0:144], %tmp[0:144]
// CHECK-NEXT:        wavelet.binary add %tmp[0:144], %tmp[0:144], %consts[1:144:0]
// CHECK-NEXT:        wavelet.binary mul %tmp[0:144], %tmp[0:144], %in0[0:144]
// CHECK-NEXT:        wavelet.binary mul %out[0:144], %tmp[0:144], %consts[2:144:0]
// CHECK-NEXT:        wavelet.send color(1) %out[0:144]
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// clamp(x, -1, 2) = min(max(x, -1), 2).
// CHECK-LABEL: wavelet.kernel @clip(
// CHECK:         wavelet.fill %consts[0:1] value(-1.000000e+00)
// CHECK-NEXT:    wavelet.fill %consts[1:1] value(2.000000e+00)
// CHECK-NEXT:    wavelet.loop 1 {
// CHECK-NEXT:      wavelet.recv color(0) %in0[0:144]
// CHECK-NEXT:      wavelet.binary max %tmp[0:144], %in0[0:144], %consts[0:144:0]
// CHECK-NEXT:      wavelet.binary min %out[0:144], %tmp[0:144], %consts[1:144:0]
// CHECK-NEXT:      wavelet.send color(1) %out[0:144]

// A one-row GEMM with a bias: no partial sums to receive, the bias added before sending.
// Each instance of each output-column region (conv.mlir) computes 2 output pixels.
// BIAS-LABEL: wavelet.kernel @conv(
// BIAS:         wavelet.region @conv_w0
// BIAS:         wavelet.loop 2 {
// BIAS-NEXT:      wavelet.recv color(0) %act[0:18]
// BIAS-NEXT:      wavelet.gemv %psum[0:4], %act[0:18], %weights[0] ld(4)
// BIAS-NEXT:      wavelet.binary add %psum[0:4], %psum[0:4], %bias[0:4] :
// BIAS-NEXT:      wavelet.send color(1) %psum[0:4] :
// BIAS-NEXT:    }
func.func @main(%x: tensor<2x12xf32>, %c: tensor<1x2x4x4xf32>) -> (tensor<2x72xf32>, tensor<2x72xf32>, tensor<1x4x4x4xf32>) {
  %w = dataflow.constant dense<1.0> : tensor<12x72xf32>
  %y = dataflow.matmul %x, %w : (tensor<2x12xf32>, tensor<12x72xf32>) -> tensor<2x72xf32> loc("fc")
  %g = dataflow.unary gelu %y : tensor<2x72xf32> -> tensor<2x72xf32> loc("gelu")
  %k = dataflow.clamp %y {min = -1.0 : f32, max = 2.0 : f32} : tensor<2x72xf32> -> tensor<2x72xf32> loc("clip")
  %cw = dataflow.constant dense<1.0> : tensor<4x2x3x3xf32>
  %cb = dataflow.constant dense<0.5> : tensor<4xf32>
  %o = dataflow.conv %c, %cw, %cb {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x4xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32> loc("conv")
  return %g, %k, %o : tensor<2x72xf32>, tensor<2x72xf32>, tensor<1x4x4x4xf32>
}
