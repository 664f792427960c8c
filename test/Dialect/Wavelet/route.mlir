// RUN: accel-opt %s --wse-create-fabric="device=wse2:memory_bytes=2048,code_bytes_per_pe=0 grid=6x4" --accel-partition=target=wse --convert-dataflow-to-wavelet --wse-place --wse-route | FileCheck %s
// RUN: accel-opt %s --wse-create-fabric="device=wse2:colors=8,reserved_colors=4 grid=8x8" --accel-partition=target=wse --convert-dataflow-to-wavelet --wse-place --wse-route | FileCheck %s --check-prefix=ONECOL

// A 2x3 GEMM region: activations enter each row from the west and are multicast east
// (the east column only takes them in); partial sums chain south, even rows sending on
// color 1 and odd rows on color 2; row 0 receives none. The region records its colors.
// CHECK-LABEL: wavelet.kernel @fc(
// CHECK:       wavelet.region @fc at(0, 0) size(2, 3) instances(2) attributes {colors = array<i64: 0, 1, 2>, plan = {
// CHECK:         wavelet.stream_out result(0) from(1, 2) instance(1) side south color(1)
// CHECK-NEXT:    wavelet.route color(0) rx west tx east|ramp{{$}}
// CHECK-NEXT:    wavelet.route color(0) rx west tx ramp pes(#wavelet.pes<x0 = 1>)
// CHECK-NEXT:    wavelet.route color(1) rx ramp tx south pes(#wavelet.pes<y_mod = 2>)
// CHECK-NEXT:    wavelet.route color(1) rx north tx ramp pes(#wavelet.pes<y_mod = 2, y_rem = 1>)
// CHECK-NEXT:    wavelet.route color(2) rx ramp tx south pes(#wavelet.pes<y_mod = 2, y_rem = 1>)
// CHECK-NEXT:    wavelet.route color(2) rx north tx ramp pes(#wavelet.pes<y0 = 2, y_mod = 2>)
// CHECK-NEXT:  }
// An elementwise column: each operand on its own color from the west, the result east.
// CHECK-LABEL: wavelet.kernel @bias(
// CHECK:         wavelet.route color(0) rx west tx ramp{{$}}
// CHECK-NEXT:    wavelet.route color(1) rx west tx ramp{{$}}
// CHECK-NEXT:    wavelet.route color(2) rx ramp tx east{{$}}
// CHECK-NEXT:  }

// With the default memory (and 4 of 8 colors routable) the GEMM is one PE row (per
// instance): the activation multicast, and the partial sums only leave south.
// ONECOL:      wavelet.region @fc at(0, 0) size(2, 1) instances(2) attributes {colors = array<i64: 0, 1, 2>
// ONECOL:        wavelet.route color(0) rx west tx east|ramp{{$}}
// ONECOL-NEXT:   wavelet.route color(0) rx west tx ramp pes(#wavelet.pes<x0 = 1>)
// ONECOL-NEXT:   wavelet.route color(1) rx ramp tx south pes(#wavelet.pes<y_mod = 2>)
// ONECOL-NEXT: }
func.func @main(%x: tensor<2x12xf32>) -> tensor<2x72xf32> {
  %w = dataflow.constant dense<1.0> : tensor<12x72xf32>
  %y = dataflow.matmul %x, %w : (tensor<2x12xf32>, tensor<12x72xf32>) -> tensor<2x72xf32> loc("fc")
  %b = dataflow.constant dense<0.5> : tensor<72xf32>
  %z = dataflow.binary add %y, %b : (tensor<2x72xf32>, tensor<72xf32>) -> tensor<2x72xf32> loc("bias")
  return %z : tensor<2x72xf32>
}
