// RUN: accel-opt %s --wse-create-fabric="device=wse2:memory_bytes=2048,code_bytes_per_pe=0 grid=6x4" --accel-partition=target=wse --convert-dataflow-to-wavelet --wse-place --wse-route | FileCheck %s --check-prefix=BEFORE
// RUN: accel-opt %s --wse-create-fabric="device=wse2:memory_bytes=2048,code_bytes_per_pe=0 grid=6x4" --accel-partition=target=wse --convert-dataflow-to-wavelet --wse-place --wse-route --wse-allocate-memory | FileCheck %s
// RUN: accel-opt %s --wse-create-fabric="grid=8x8" --accel-partition=target=wse --convert-dataflow-to-wavelet --wse-place --wse-route --wse-allocate-memory | FileCheck %s --check-prefix=CODE

// 512 data words: the matmul's blocks are 4 inputs x 36 outputs (gemm.mlir), the add's
// 2 rows of 72 go one row a message (at most (512 - 4) / 4 = 127 words) through one PE.
// BEFORE: wavelet.region @fc at(0, 0) size(2, 3) instances(2) attributes
// BEFORE: wavelet.buffer "weights" : !wavelet.buffer<144>
// Buffers are packed in declaration order after the code (none here); the region records
// its code bytes and data words: 144 + 4 + 36 + 36 = 220 and 4 * 72 + 4 = 292.
// CHECK:      wavelet.region @fc at(0, 0) size(2, 3) instances(2) memory_words(220) attributes
// CHECK-NEXT:   wavelet.buffer "weights" addr(0) : !wavelet.buffer<144>
// CHECK-NEXT:   wavelet.buffer "act" addr(144) : !wavelet.buffer<4>
// CHECK-NEXT:   wavelet.buffer "psum" addr(148) : !wavelet.buffer<36>
// CHECK-NEXT:   wavelet.buffer "psum_in" addr(184) : !wavelet.buffer<36>
// CHECK:      wavelet.region @bias at(4, 0) size(1, 1) memory_words(292) attributes
// CHECK-NEXT:   wavelet.buffer "in0" addr(0) : !wavelet.buffer<72>
// CHECK-NEXT:   wavelet.buffer "in1" addr(72) : !wavelet.buffer<72>
// CHECK-NEXT:   wavelet.buffer "out" addr(144) : !wavelet.buffer<72>
// CHECK-NEXT:   wavelet.buffer "tmp" addr(216) : !wavelet.buffer<72>
// CHECK-NEXT:   wavelet.buffer "consts" addr(288) : !wavelet.buffer<4>
// The default preset's code estimate (6144 bytes) is recorded per region. With 10752 data
// words the matmul holds all 12 inputs (blocks 12 x 36: 432 + 12 + 36 = 480 words, one PE
// row) and the add takes both rows in one message of 144 (4 * 144 + 4 = 580 words).
// CODE:      wavelet.region @fc at(0, 0) size(2, 1) instances(2) code_bytes(6144) memory_words(480)
// CODE-NEXT:   wavelet.buffer "weights" addr(0) : !wavelet.buffer<432>
// CODE-NEXT:   wavelet.buffer "act" addr(432) : !wavelet.buffer<12>
// CODE-NEXT:   wavelet.buffer "psum" addr(444) : !wavelet.buffer<36>
// CODE:      wavelet.region @bias at(4, 0) size(1, 1) code_bytes(6144) memory_words(580)
// CODE:        wavelet.buffer "consts" addr(576) : !wavelet.buffer<4>
func.func @main(%x: tensor<2x12xf32>) -> tensor<2x72xf32> {
  %w = dataflow.constant dense<1.0> : tensor<12x72xf32>
  %y = dataflow.matmul %x, %w : (tensor<2x12xf32>, tensor<12x72xf32>) -> tensor<2x72xf32> loc("fc")
  %b = dataflow.constant dense<0.5> : tensor<72xf32>
  %z = dataflow.binary add %y, %b : (tensor<2x72xf32>, tensor<72xf32>) -> tensor<2x72xf32> loc("bias")
  return %z : tensor<2x72xf32>
}
