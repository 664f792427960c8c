// RUN: accel-opt %s --wse-create-fabric="device=wse2:memory_bytes=2048,code_bytes_per_pe=0 grid=6x5" --accel-partition=target=wse --convert-dataflow-to-wavelet | FileCheck %s --check-prefix=BEFORE
// RUN: accel-opt %s --wse-create-fabric="device=wse2:memory_bytes=2048,code_bytes_per_pe=0 grid=6x5" --accel-partition=target=wse --convert-dataflow-to-wavelet --wse-place | FileCheck %s

// Regions are packed in program order, shelf by shelf: the matmul (2x3 PEs, two
// instances: 4 columns) then the bias add (1x2) to its right; the relu (1x2) fills the
// shelf's last column; the second add (1x2) starts a new shelf below the 3-row-tall first.
// BEFORE: wavelet.region @fc at(0, 0) size(2, 3) instances(2)
// BEFORE: wavelet.region @bias at(0, 0) size(1, 2)
// CHECK: wavelet.region @fc at(0, 0) size(2, 3) instances(2)
// CHECK: wavelet.region @bias at(4, 0) size(1, 2)
// CHECK: wavelet.region @act at(5, 0) size(1, 2)
// CHECK: wavelet.region @shift at(0, 3) size(1, 2)
func.func @main(%x: tensor<2x12xf32>) -> tensor<2x72xf32> {
  %w = dataflow.constant dense<1.0> : tensor<12x72xf32>
  %y = dataflow.matmul %x, %w : (tensor<2x12xf32>, tensor<12x72xf32>) -> tensor<2x72xf32> loc("fc")
  %b = dataflow.constant dense<0.5> : tensor<72xf32>
  %z = dataflow.binary add %y, %b : (tensor<2x72xf32>, tensor<72xf32>) -> tensor<2x72xf32> loc("bias")
  %r = dataflow.unary relu %z : tensor<2x72xf32> -> tensor<2x72xf32> loc("act")
  %s = dataflow.binary sub %r, %b : (tensor<2x72xf32>, tensor<72xf32>) -> tensor<2x72xf32> loc("shift")
  return %s : tensor<2x72xf32>
}
