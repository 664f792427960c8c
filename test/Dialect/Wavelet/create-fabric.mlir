// RUN: accel-opt %s --wse-create-fabric | FileCheck %s --check-prefix=DEFAULT
// RUN: accel-opt %s --wse-create-fabric="device=wse3:memory_bytes=8192,colors=8 grid=4x3 precision=fp16" | FileCheck %s --check-prefix=SMALL
// RUN: accel-opt %s --wse-create-fabric="grid=4x3" | accel-opt --wse-create-fabric="device=wse3" | FileCheck %s --check-prefix=ONCE

// The default is the real chip: WSE-2, 757x996 PEs, 48 KB each, 24 colors, fp32. The fields
// carry every descriptor value for later passes and the schedule.
// DEFAULT:      wavelet.fabric preset("wse2") width(757) height(996) memory_bytes(49152) colors(24) clock_hz(1.100000e+09) fields {
// DEFAULT-SAME: code_bytes_per_pe = 6.144000e+03 : f64
// DEFAULT-SAME: fmac_f16_per_cycle = 4.000000e+00 : f64, fmac_f32_per_cycle = 1.000000e+00 : f64
// DEFAULT-SAME: precision = "fp32"
// DEFAULT-SAME: reserved_colors = 3.000000e+00 : f64
// DEFAULT-SAME: summary = "wse2", width = 7.570000e+02 : f64} {
// DEFAULT-NEXT: }
// DEFAULT-NEXT: func.func @main

// A preset with overrides and a grid: the grid sets width and height, the summary lists
// what was overridden.
// SMALL:      wavelet.fabric preset("wse3") width(4) height(3) memory_bytes(8192) colors(8) clock_hz(1.100000e+09) fields {
// SMALL-SAME: precision = "fp16"
// SMALL-SAME: summary = "wse3:memory_bytes=8192,colors=8,width=4,height=3"

// A module that already has a fabric keeps it.
// ONCE:     wavelet.fabric preset("wse2") width(4) height(3)
// ONCE-NOT: wavelet.fabric

func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = dataflow.unary relu %x : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}
