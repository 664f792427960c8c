// RUN: accel-opt %s --wse-create-fabric="device=wse2:colors=4,reserved_colors=2 grid=8x8" --accel-partition=target=wse --convert-dataflow-to-wavelet --wse-place --wse-route --verify-diagnostics

// Two of the 4 colors are routable; the GEMM needs 3 (activations and two partial-sum
// colors).
func.func @main(%x: tensor<2x12xf32>) -> tensor<2x8xf32> {
  %w = dataflow.constant dense<1.0> : tensor<12x8xf32>
  // expected-error@+1 {{region 'matmul' needs 3 colors but only 2 of the fabric's 4 are routable (2 are reserved for host I/O)}}
  %y = dataflow.matmul %x, %w : (tensor<2x12xf32>, tensor<12x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

