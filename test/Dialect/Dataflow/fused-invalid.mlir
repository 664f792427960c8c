// RUN: accel-opt %s --split-input-file --verify-diagnostics

func.func @no_anchor(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{body must start with a conv or matmul}}
  %y = dataflow.fused %x : (tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    %r = dataflow.unary relu %a : tensor<4xf32> -> tensor<4xf32>
    dataflow.yield %r : tensor<4xf32>
  }
  return %y : tensor<4xf32>
}

// -----

func.func @not_elementwise(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %y = dataflow.fused %x : (tensor<2x2xf32>) -> tensor<2x2xf32> {
  ^bb0(%a: tensor<2x2xf32>):
    %m = dataflow.matmul %a, %a : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
    // expected-error @+1 {{cannot be part of a fused epilogue}}
    %t = dataflow.transpose %m {perm = array<i64: 1, 0>} : tensor<2x2xf32> -> tensor<2x2xf32>
    dataflow.yield %t : tensor<2x2xf32>
  }
  return %y : tensor<2x2xf32>
}

// -----

func.func @yields_early(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{yields a value that is not the end of the epilogue chain}}
  %y = dataflow.fused %x : (tensor<2x2xf32>) -> tensor<2x2xf32> {
  ^bb0(%a: tensor<2x2xf32>):
    %m = dataflow.matmul %a, %a : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
    %r = dataflow.unary relu %m : tensor<2x2xf32> -> tensor<2x2xf32>
    dataflow.yield %m : tensor<2x2xf32>
  }
  return %y : tensor<2x2xf32>
}

// -----

func.func @sub_on_the_right(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %y = dataflow.fused %x : (tensor<2x2xf32>) -> tensor<2x2xf32> {
  ^bb0(%a: tensor<2x2xf32>):
    %m = dataflow.matmul %a, %a : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
    // expected-error @+1 {{cannot be part of a fused epilogue}}
    %s = dataflow.binary sub %a, %m : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
    dataflow.yield %s : tensor<2x2xf32>
  }
  return %y : tensor<2x2xf32>
}
