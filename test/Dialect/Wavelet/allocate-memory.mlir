// RUN: accel-opt %s --wse-create-fabric="device=wse2:memory_bytes=2048,code_bytes_per_pe=0 grid=6x4" --accel-partition=target=wse --convert-dataflow-to-wavelet --wse-place --wse-route | FileCheck %s --check-prefix=BEFORE
// RUN: accel-opt %s --wse-create-fabric="device=wse2:memory_bytes=2048,code_bytes_per_pe=0 grid=6x4" --accel-partition=target=wse --convert-dataflow-to-wavelet --wse-place --wse-route --wse-allocate-memory | FileCheck %s
// RUN: accel-opt %s --wse-create-fabric="grid=8x8" --accel-partition=target=wse --convert-dataflow-to-wavelet --wse-place --wse-route --wse-allocate-memory | FileCheck %s --check-prefix=CODE

// BEFORE: wavelet.region @fc at(0, 0) size(2, 3) instances(2) attributes
// BEFORE: wavelet.buffer "weights" : !wavelet.buffer<256>
// Buffers are packed in declaration order after the code (none here); the region records
// its code bytes and data words.
// CHECK:      wavelet.region @fc at(0, 0) size(2, 3) instances(2) memory_words(388) attributes
// CHECK-NEXT:   wavelet.buffer "weights" addr(0) : !wavelet.buffer<256>
// CHECK-NEXT:   wavelet.buffer "act" addr(256) : !wavelet.buffer<4>
// CHECK-NEXT:   wavelet.buffer "psum" addr(260) : !wavelet.buffer<64>
// CHECK-NEXT:   wavelet.buffer "psum_in" addr(324) : !wavelet.buffer<64>
// CHECK:      wavelet.region @bias at(4, 0) size(1, 2) memory_words(292) attributes
// CHECK-NEXT:   wavelet.buffer "in0" addr(0) : !wavelet.buffer<72>
// CHECK-NEXT:   wavelet.buffer "in1" addr(72) : !wavelet.buffer<72>
// CHECK-NEXT:   wavelet.buffer "out" addr(144) : !wavelet.buffer<72>
// CHECK-NEXT:   wavelet.buffer "tmp" addr(216) : !wavelet.buffer<72>
// CHECK-NEXT:   wavelet.buffer "consts" addr(288) : !wavelet.buffer<4>
// The default preset's code estimate (6144 bytes) is recorded per region.
// CODE:      wavelet.region @fc at(0, 0) size(2, 1) instances(2) code_bytes(6144) memory_words(844)
// CODE:      wavelet.region @bias at(4, 0) size(1, 2) code_bytes(6144) memory_words(292)
func.func @main(%x: tensor<2x12xf32>) -> tensor<2x72xf32> {
  %w = dataflow.constant dense<1.0> : tensor<12x72xf32>
  %y = dataflow.matmul %x, %w : (tensor<2x12xf32>, tensor<12x72xf32>) -> tensor<2x72xf32> loc("fc")
  %b = dataflow.constant dense<0.5> : tensor<72xf32>
  %z = dataflow.binary add %y, %b : (tensor<2x72xf32>, tensor<72xf32>) -> tensor<2x72xf32> loc("bias")
  return %z : tensor<2x72xf32>
}
