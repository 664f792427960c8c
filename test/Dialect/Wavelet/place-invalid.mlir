// RUN: accel-opt %s --wse-create-fabric="device=wse2:memory_bytes=2048,code_bytes_per_pe=0 grid=6x4" --accel-partition=target=wse --convert-dataflow-to-wavelet --wse-place --verify-diagnostics

// The matmul takes a 4x3 block (two 2x3 instances), the add the last two columns; the
// subtraction's 1x2 column has no room left on a 6x4 fabric.
func.func @main(%x: tensor<2x12xf32>) -> tensor<2x72xf32> {
  %w = dataflow.constant dense<1.0> : tensor<12x72xf32>
  %y = dataflow.matmul %x, %w : (tensor<2x12xf32>, tensor<12x72xf32>) -> tensor<2x72xf32>
  %b = dataflow.constant dense<0.5> : tensor<72xf32>
  %z = dataflow.binary add %y, %b : (tensor<2x72xf32>, tensor<72xf32>) -> tensor<2x72xf32>
  %r = dataflow.unary relu %z : tensor<2x72xf32> -> tensor<2x72xf32>
  // expected-error@+1 {{the model does not fit the fabric: region 'binary_1' needs 1x2 PEs, but after 3 regions (16 PEs) the 6x4 fabric has no room left; use a larger grid (device key grid=WxH) or a smaller model}}
  %s = dataflow.binary sub %r, %b : (tensor<2x72xf32>, tensor<72xf32>) -> tensor<2x72xf32>
  return %s : tensor<2x72xf32>
}
