// RUN: accel-opt %s --wse-create-fabric="device=wse2:memory_bytes=1024,code_bytes_per_pe=0 grid=6x4" --accel-partition=target=wse --convert-dataflow-to-wavelet --wse-place --wse-route --wse-allocate-memory --verify-diagnostics

// Elementwise messages are sized to the PE's memory (this add streams 36-word messages,
// 148 words in all, and fits), but a softmax row is held whole in one PE: the input, the
// exponentials and a temporary of 128 words each, the constants and the statistics need
// 1568 bytes, more than the 1024 a PE has.
func.func @main(%x: tensor<2x72xf32>, %b: tensor<72xf32>, %s: tensor<2x128xf32>) -> (tensor<2x72xf32>, tensor<2x128xf32>) {
  %z = dataflow.binary add %x, %b : (tensor<2x72xf32>, tensor<72xf32>) -> tensor<2x72xf32>
  // expected-error@+1 {{region 'softmax' needs 1568 bytes per PE (1568 of buffers + 0 of code) but a PE has 1024; buffers: in0 512 out 512 tmp 512 consts 16 stats 16}}
  %y = dataflow.softmax %s {axis = 1 : i64} : tensor<2x128xf32> -> tensor<2x128xf32>
  return %z, %y : tensor<2x72xf32>, tensor<2x128xf32>
}
