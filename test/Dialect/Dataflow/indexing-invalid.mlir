// RUN: accel-opt %s --split-input-file --verify-diagnostics

func.func @axis(%x: tensor<2x3xf32>, %i: tensor<2x3xi64>) {
  // expected-error @+2 {{'axis' 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.gather_elements %x, %i {axis = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  return
}

// -----

func.func @rank(%x: tensor<2x3xf32>, %i: tensor<6xi64>) {
  // expected-error @+2 {{indices rank 1 differs from input rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.gather_elements %x, %i {axis = 0 : i64} : (tensor<2x3xf32>, tensor<6xi64>) -> tensor<6xf32>
  return
}

// -----

func.func @larger(%x: tensor<2x3xf32>, %i: tensor<2x4xi64>) {
  // expected-error @+2 {{indices shape [2,4] exceeds input shape [2,3] in dimension 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.gather_elements %x, %i {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x4xi64>) -> tensor<2x4xf32>
  return
}

// -----

func.func @result(%x: tensor<2x3xf32>, %i: tensor<2x3xi64>) {
  // expected-error @+2 {{'dataflow.gather_elements' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3x2xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.gather_elements %x, %i {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xi64>) -> tensor<3x2xf32>
  return
}

// -----

func.func @indices_type(%x: tensor<2x3xf32>, %i: tensor<2x3xf32>) {
  // expected-error @+1 {{operand #1 must be statically shaped tensor of 64-bit signless integer or 32-bit signless integer values}}
  %0 = dataflow.gather_elements %x, %i {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @scatter_shapes(%x: tensor<3x4xf32>, %i: tensor<2x4xi64>, %u: tensor<2x3xf32>) {
  // expected-error @+2 {{indices shape [2,4] differs from updates shape [2,3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.scatter_elements %x, %i, %u {axis = 0 : i64} : (tensor<3x4xf32>, tensor<2x4xi64>, tensor<2x3xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @scatter_types(%x: tensor<3x4xf32>, %i: tensor<2x4xi64>, %u: tensor<2x4xi64>) {
  // expected-error @+2 {{operands 'data' and 'updates' must have the same element type, got 'f32' and 'i64'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.scatter_elements %x, %i, %u {axis = 0 : i64} : (tensor<3x4xf32>, tensor<2x4xi64>, tensor<2x4xi64>) -> tensor<3x4xf32>
  return
}

// -----

func.func @scatter_axis(%x: tensor<3x4xf32>, %i: tensor<2x4xi64>, %u: tensor<2x4xf32>) {
  // expected-error @+2 {{'axis' -1 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.scatter_elements %x, %i, %u {axis = -1 : i64} : (tensor<3x4xf32>, tensor<2x4xi64>, tensor<2x4xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @gather_nd_tuple(%x: tensor<2x3xf32>, %i: tensor<4x3xi64>) {
  // expected-error @+2 {{index tuples of length 3 do not fit data of rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.gather_nd %x, %i : (tensor<2x3xf32>, tensor<4x3xi64>) -> tensor<4xf32>
  return
}

// -----

func.func @gather_nd_batch(%x: tensor<2x3xf32>, %i: tensor<3x1xi64>) {
  // expected-error @+2 {{batch dim 0 differs between data and indices}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.gather_nd %x, %i {batch_dims = 1 : i64} : (tensor<2x3xf32>, tensor<3x1xi64>) -> tensor<3xf32>
  return
}

// -----

func.func @scatter_nd_updates(%x: tensor<2x3xf32>, %i: tensor<4x1xi64>, %u: tensor<4x2xf32>) {
  // expected-error @+2 {{updates shape [4,2] must be [4,3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.scatter_nd %x, %i, %u : (tensor<2x3xf32>, tensor<4x1xi64>, tensor<4x2xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @top_k_k(%x: tensor<3x5xf32>) {
  // expected-error @+2 {{'k' 6 must be in 1..5}}
  // expected-error @+1 {{failed to infer returned types}}
  %v, %i = dataflow.top_k %x {axis = 1 : i64, k = 6 : i64} : tensor<3x5xf32> -> tensor<3x6xf32>, tensor<3x6xi64>
  return
}
