// RUN: accel-opt %s --wse-create-fabric="device=wse2:memory_bytes=1024,code_bytes_per_pe=0 grid=6x4" --accel-partition=target=wse --convert-dataflow-to-wavelet --wse-place --wse-route --wse-allocate-memory --verify-diagnostics

// The elementwise mapping streams whole 72-element rows: four 72-word buffers and the
// constants need 1168 bytes, more than the 1024 a PE has.
func.func @main(%x: tensor<2x72xf32>, %b: tensor<72xf32>) -> tensor<2x72xf32> {
  // expected-error@+1 {{region 'binary' needs 1168 bytes per PE (1168 of buffers + 0 of code) but a PE has 1024; buffers: in0 288 in1 288 out 288 tmp 288 consts 16}}
  %z = dataflow.binary add %x, %b : (tensor<2x72xf32>, tensor<72xf32>) -> tensor<2x72xf32>
  return %z : tensor<2x72xf32>
}
