// RUN: accel-opt %s --wse-create-fabric="device=wse2:memory_bytes=2048,code_bytes_per_pe=0 grid=6x4" --accel-partition=target=wse --convert-dataflow-to-wavelet --wse-place --verify-diagnostics

// Skyline packing: the matmul takes a 4x3 block at (0, 0) (two 2x3 instances), the add
// and the relu (one PE each: a column is at most max(1, 4/8) = 1 tall) go to (4, 0) and
// (5, 0). The skyline is then 3 3 3 3 1 1: a second 4x3 matmul would have its top edge at
// 3 wherever it starts (x = 0, 1, 2), and 3 + 3 > 4 rows. 10 PEs are free, but no 4x3
// rectangle.
func.func @main(%x: tensor<2x12xf32>) -> (tensor<2x72xf32>, tensor<2x72xf32>) {
  %w = dataflow.constant dense<1.0> : tensor<12x72xf32>
  %y = dataflow.matmul %x, %w : (tensor<2x12xf32>, tensor<12x72xf32>) -> tensor<2x72xf32>
  %b = dataflow.constant dense<0.5> : tensor<72xf32>
  %z = dataflow.binary add %y, %b : (tensor<2x72xf32>, tensor<72xf32>) -> tensor<2x72xf32>
  %r = dataflow.unary relu %z : tensor<2x72xf32> -> tensor<2x72xf32>
  // expected-error@+1 {{the model does not fit the fabric: region 'matmul_1' needs 4x3 PEs, but after 3 regions (14 PEs) the 6x4 fabric has no room left for it; use a larger grid (device key grid=WxH) or a smaller model}}
  %y2 = dataflow.matmul %x, %w : (tensor<2x12xf32>, tensor<12x72xf32>) -> tensor<2x72xf32>
  return %r, %y2 : tensor<2x72xf32>, tensor<2x72xf32>
}
