// RUN: accel-opt %s --split-input-file --verify-diagnostics

// Constants take every storage type (f16 is one), but not types ONNX has no
// numeric counterpart for.
func.func @constant_element_type() {
  // expected-error @+1 {{result #0 must be statically shaped tensor of 32-bit float or 64-bit float or 16-bit float or bfloat16 type or 64-bit signless integer or 32-bit signless integer or 16-bit signless integer or 8-bit signless integer or 64-bit unsigned integer or 32-bit unsigned integer or 16-bit unsigned integer or 8-bit unsigned integer or 1-bit signless integer values, but got 'tensor<2xi4>'}}
  %0 = dataflow.constant dense<1> : tensor<2xi4>
  return
}

// -----

// Storage types are only for the graph boundary, constants and casts: compute
// ops reject them.
func.func @binary_storage_type(%a: tensor<2xf64>) {
  // expected-error @+1 {{'dataflow.binary' op operand #0 must be statically shaped tensor of 32-bit float or 64-bit signless integer or 32-bit signless integer or 1-bit signless integer values, but got 'tensor<2xf64>'}}
  %0 = dataflow.binary add %a, %a : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
  return
}

// -----

func.func @unary_storage_type(%a: tensor<2xui8>) {
  // expected-error @+1 {{'dataflow.unary' op operand #0 must be statically shaped tensor of 32-bit float or 64-bit signless integer or 32-bit signless integer or 1-bit signless integer values, but got 'tensor<2xui8>'}}
  %0 = dataflow.unary abs %a : tensor<2xui8> -> tensor<2xui8>
  return
}

// -----

func.func @reshape_storage_type(%a: tensor<2x2xf16>) {
  // expected-error @+1 {{'dataflow.reshape' op operand #0 must be statically shaped tensor of 32-bit float or 64-bit signless integer or 32-bit signless integer or 1-bit signless integer values, but got 'tensor<2x2xf16>'}}
  %0 = dataflow.reshape %a : tensor<2x2xf16> -> tensor<4xf16>
  return
}

// -----

func.func @cast_shape_storage_type(%a: tensor<2xbf16>) {
  // expected-error @+1 {{'dataflow.cast' op result shape [3] differs from the input shape [2]}}
  %0 = dataflow.cast %a : tensor<2xbf16> -> tensor<3xf32>
  return
}

// -----

func.func @cast_unsupported_type(%a: tensor<2xf32>) {
  // expected-error @+1 {{'dataflow.cast' op result #0 must be statically shaped tensor of}}
  %0 = dataflow.cast %a : tensor<2xf32> -> tensor<2xf8E4M3FN>
  return
}

// -----

func.func @matmul_contracting(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+2 {{'dataflow.matmul' op contracting dims differ: 'lhs' has 3, 'rhs' has 4 (after transposes)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.matmul %a, %b : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @matmul_batch(%a: tensor<2x3x4xf32>, %b: tensor<3x4x5xf32>) {
  // expected-error @+2 {{batch dims [2] and [3] are not broadcast-compatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.matmul %a, %b : (tensor<2x3x4xf32>, tensor<3x4x5xf32>) -> tensor<2x3x5xf32>
  return
}

// -----

func.func @matmul_transpose_vector(%a: tensor<4xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+2 {{'transpose_lhs' requires 'lhs' to have rank >= 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.matmul %a, %b {transpose_lhs = true} : (tensor<4xf32>, tensor<4x5xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @matmul_element_types(%a: tensor<2x4xf32>, %b: tensor<4x5xi32>) {
  // expected-error @+2 {{operands 'lhs' and 'rhs' must have the same element type, got 'f32' and 'i32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.matmul %a, %b : (tensor<2x4xf32>, tensor<4x5xi32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @matmul_wrong_result(%a: tensor<2x4xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<2x5xf32>' are incompatible with return type(s) of operation 'tensor<2x6xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.matmul %a, %b : (tensor<2x4xf32>, tensor<4x5xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @dynamic_shape(%a: tensor<?x4xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{must be statically shaped tensor}}
  %0 = dataflow.matmul %a, %b : (tensor<?x4xf32>, tensor<4x5xf32>) -> tensor<?x5xf32>
  return
}

// -----

func.func @conv_strides(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'dataflow.conv' op 'strides' must have 2 values, got 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.conv %x, %w {strides = array<i64: 1, 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_pads(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'pads' must have 4 values, got 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_zero_stride(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'strides' values must be >= 1, got 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.conv %x, %w {strides = array<i64: 0, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_negative_pad(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'pads' values must be >= 0, got -1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, -1, 0, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_groups(%x: tensor<1x3x8x8xf32>, %w: tensor<4x1x3x3xf32>) {
  // expected-error @+2 {{input channels (3) must be divisible by 'groups' (2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 2 : i64} : (tensor<1x3x8x8xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_weight_channels(%x: tensor<1x4x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'weight' dim 1 (3) times 'groups' (1) must equal the input channels (4)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x4x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_output_groups(%x: tensor<1x4x8x8xf32>, %w: tensor<3x2x3x3xf32>) {
  // expected-error @+2 {{output channels (3) must be divisible by 'groups' (2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x6x6xf32>
  return
}

// -----

func.func @conv_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{'bias' must have shape [4] (the output channels), got [3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.conv %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_kernel_too_large(%x: tensor<1x3x2x2xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{spatial dim 0 of size 2 plus pads is smaller than the dilated kernel (3)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x3x2x2xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x1x1xf32>
  return
}

// -----

func.func @conv_rank(%x: tensor<3x8xf32>, %w: tensor<4x3xf32>) {
  // expected-error @+2 {{'input' must have rank 3 to 5 (N, C and 1-3 spatial dims), got rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.conv %x, %w {strides = array<i64>, dilations = array<i64>, pads = array<i64>} : (tensor<3x8xf32>, tensor<4x3xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @conv_integer(%x: tensor<1x3x8x8xi32>, %w: tensor<4x3x3x3xi32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 32-bit float values}}
  %0 = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x3x8x8xi32>, tensor<4x3x3x3xi32>) -> tensor<1x4x6x6xi32>
  return
}

// -----

func.func @conv_transpose_output_padding(%x: tensor<1x4x5x5xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'output_padding' 2 must be smaller than the stride or the dilation of spatial dim 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.conv_transpose %x, %w {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, output_padding = array<i64: 2, 0>} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>) -> tensor<1x3x13x11xf32>
  return
}

// -----

func.func @conv_transpose_channels(%x: tensor<1x4x5x5xf32>, %w: tensor<3x3x3x3xf32>) {
  // expected-error @+2 {{'weight' dim 0 (3) must equal the input channels (4)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.conv_transpose %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, output_padding = array<i64: 0, 0>} : (tensor<1x4x5x5xf32>, tensor<3x3x3x3xf32>) -> tensor<1x3x7x7xf32>
  return
}

// -----

func.func @conv_transpose_empty(%x: tensor<1x4x1x1xf32>, %w: tensor<4x3x1x1xf32>) {
  // expected-error @+2 {{spatial dim 0 of the result would be empty (size 0)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.conv_transpose %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 0, 0>, output_padding = array<i64: 0, 0>} : (tensor<1x4x1x1xf32>, tensor<4x3x1x1xf32>) -> tensor<1x3x1x1xf32>
  return
}

// -----

func.func @unary_unknown_kind(%x: tensor<4xf32>) {
  // expected-error @+1 {{unknown unary_kind 'frobnicate'}}
  %0 = dataflow.unary frobnicate %x : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @unary_float_only(%x: tensor<4xi64>) {
  // expected-error @+1 {{kind 'sigmoid' requires an f32 input, got 'i64'}}
  %0 = dataflow.unary sigmoid %x : tensor<4xi64> -> tensor<4xi64>
  return
}

// -----

func.func @unary_not(%x: tensor<4xf32>) {
  // expected-error @+1 {{kind 'not' requires an i1 input, got 'f32'}}
  %0 = dataflow.unary not %x : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @unary_bool_abs(%x: tensor<4xi1>) {
  // expected-error @+1 {{kind 'abs' does not accept an i1 input}}
  %0 = dataflow.unary abs %x : tensor<4xi1> -> tensor<4xi1>
  return
}

// -----

func.func @unary_isnan_type(%x: tensor<4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<4xi1>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.unary isnan %x : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @binary_broadcast(%x: tensor<2x3xf32>, %y: tensor<2xf32>) {
  // expected-error @+2 {{'dataflow.binary' op operand shapes [2,3] and [2] are not broadcast-compatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.binary add %x, %y : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @binary_compare_type(%x: tensor<3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<3xi1>' are incompatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.binary less %x, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @binary_logic_float(%x: tensor<3xf32>) {
  // expected-error @+1 {{kind 'and' requires i1 operands, got 'f32'}}
  %0 = dataflow.binary and %x, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  return
}

// -----

func.func @binary_arith_bool(%x: tensor<3xi1>) {
  // expected-error @+1 {{kind 'add' does not accept i1 operands}}
  %0 = dataflow.binary add %x, %x : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  return
}

// -----

func.func @clamp_nan(%x: tensor<3xf32>) {
  // expected-error @+1 {{'min' and 'max' must not be NaN}}
  %0 = dataflow.clamp %x {min = 0x7FC00000 : f32, max = 1.0 : f32} : tensor<3xf32> -> tensor<3xf32>
  return
}

// -----

func.func @where_broadcast(%c: tensor<4xi1>, %x: tensor<3xf32>) {
  // expected-error @+2 {{operand shapes [4], [3] and [3] are not broadcast-compatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.where %c, %x, %x : (tensor<4xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @where_cond_type(%c: tensor<3xf32>, %x: tensor<3xf32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 1-bit signless integer values}}
  %0 = dataflow.where %c, %x, %x : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @reduce_axis_range(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'axes' 2 is out of range for rank 2 (expected 0..1)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.reduce sum %x {axes = array<i64: 2>} : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_axis_negative(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'axes' -1 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.reduce sum %x {axes = array<i64: -1>} : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_axis_repeated(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'axes' contains 1 more than once}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.reduce max %x {axes = array<i64: 1, 1>} : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @arg_reduce_axis(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'axis' 5 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.arg_reduce max %x {axis = 5 : i64} : tensor<2x3xf32> -> tensor<2xi64>
  return
}

// -----

func.func @arg_reduce_empty(%x: tensor<2x0xf32>) {
  // expected-error @+2 {{cannot take the extreme value of an empty axis}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.arg_reduce min %x {axis = 1 : i64} : tensor<2x0xf32> -> tensor<2xi64>
  return
}

// -----

func.func @arg_reduce_result(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result #0 must be statically shaped tensor of 64-bit signless integer values}}
  %0 = dataflow.arg_reduce max %x {axis = 1 : i64} : tensor<2x3xf32> -> tensor<2xi32>
  return
}

// -----

func.func @pool_kernel(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{'kernel_shape' must have 2 values, got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.pool max %x {kernel_shape = array<i64: 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : tensor<1x3x8x8xf32> -> tensor<1x3x7x7xf32>
  return
}

// -----

func.func @pool_too_small(%x: tensor<1x3x2x2xf32>) {
  // expected-error @+2 {{spatial dim 1 of size 2 plus pads is smaller than the dilated kernel (5)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.pool avg %x {kernel_shape = array<i64: 1, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 2>} : tensor<1x3x2x2xf32> -> tensor<1x3x2x1xf32>
  return
}

// -----

func.func @pool_kind(%x: tensor<1x3x2x2xf32>) {
  // expected-error @+1 {{unknown pool_kind 'min'}}
  %0 = dataflow.pool min %x {kernel_shape = array<i64: 1, 1>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : tensor<1x3x2x2xf32> -> tensor<1x3x2x2xf32>
  return
}

// -----

func.func @softmax_axis(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'axis' 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.softmax %x {axis = 2 : i64} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @layer_norm_scale(%x: tensor<2x3xf32>, %s: tensor<2xf32>) {
  // expected-error @+2 {{'scale' shape [2] does not broadcast to the input shape [2,3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.layer_norm %x, %s {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @layer_norm_axis(%x: tensor<2x3xf32>, %s: tensor<3xf32>) {
  // expected-error @+2 {{'axis' -1 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.layer_norm %x, %s {axis = -1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @transpose_perm(%x: tensor<2x3x4xf32>) {
  // expected-error @+2 {{'perm' [0,1,1] is not a permutation of 0..2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.transpose %x {perm = array<i64: 0, 1, 1>} : tensor<2x3x4xf32> -> tensor<2x3x3xf32>
  return
}

// -----

func.func @transpose_perm_length(%x: tensor<2x3x4xf32>) {
  // expected-error @+2 {{'perm' must have 3 values, got 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.transpose %x {perm = array<i64: 1, 0>} : tensor<2x3x4xf32> -> tensor<3x2xf32>
  return
}

// -----

func.func @reshape_count(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'dataflow.reshape' op result shape [4,2] has 8 elements, the input shape [2,3] has 6}}
  %0 = dataflow.reshape %x : tensor<2x3xf32> -> tensor<4x2xf32>
  return
}

// -----

func.func @reshape_element_type(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result element type 'i32' differs from the input element type 'f32'}}
  %0 = dataflow.reshape %x : tensor<2x3xf32> -> tensor<6xi32>
  return
}

// -----

func.func @expand_incompatible(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{input shape [3,2] does not broadcast to the result shape [3,4]}}
  %0 = dataflow.expand %x : tensor<3x2xf32> -> tensor<3x4xf32>
  return
}

// -----

func.func @expand_shrinks(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{input shape [2,3] does not broadcast to the result shape [3]}}
  %0 = dataflow.expand %x : tensor<2x3xf32> -> tensor<3xf32>
  return
}

// -----

func.func @slice_out_of_range(%x: tensor<4xf32>) {
  // expected-error @+1 {{dim 0 reads indices 1..5 (start, step 2, 3 elements) outside the input dim of size 4}}
  %0 = dataflow.slice %x {starts = array<i64: 1>, steps = array<i64: 2>} : tensor<4xf32> -> tensor<3xf32>
  return
}

// -----

func.func @slice_zero_step(%x: tensor<4xf32>) {
  // expected-error @+1 {{'steps' must be non-zero (dim 0)}}
  %0 = dataflow.slice %x {starts = array<i64: 0>, steps = array<i64: 0>} : tensor<4xf32> -> tensor<1xf32>
  return
}

// -----

func.func @slice_lengths(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'starts' and 'steps' must have one value per dim (2), got 1 and 2}}
  %0 = dataflow.slice %x {starts = array<i64: 0>, steps = array<i64: 1, 1>} : tensor<4x4xf32> -> tensor<1x1xf32>
  return
}

// -----

func.func @slice_rank(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{result rank 1 differs from the input rank 2}}
  %0 = dataflow.slice %x {starts = array<i64: 0, 0>, steps = array<i64: 1, 1>} : tensor<4x4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @slice_negative_step_underflow(%x: tensor<4xf32>) {
  // expected-error @+1 {{dim 0 reads indices 1..-1}}
  %0 = dataflow.slice %x {starts = array<i64: 1>, steps = array<i64: -1>} : tensor<4xf32> -> tensor<3xf32>
  return
}

// -----

func.func @concat_shapes(%x: tensor<2x3xf32>, %y: tensor<3x3xf32>) {
  // expected-error @+2 {{input #1 shape [3,3] differs from input #0 shape [2,3] outside the concatenation axis 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.concat %x, %y {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @concat_types(%x: tensor<2x3xf32>, %y: tensor<2x3xi32>) {
  // expected-error @+2 {{operands 'inputs #0' and 'inputs #1' must have the same element type, got 'f32' and 'i32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.concat %x, %y {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xi32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @concat_empty() {
  // expected-error @+2 {{requires at least one input}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.concat {axis = 0 : i64} : () -> tensor<4x3xf32>
  return
}

// -----

func.func @gather_axis(%x: tensor<2x3xf32>, %i: tensor<2xi64>) {
  // expected-error @+2 {{'axis' 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.gather %x, %i {axis = 2 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  return
}

// -----

func.func @gather_indices(%x: tensor<2x3xf32>, %i: tensor<2xf32>) {
  // expected-error @+1 {{operand #1 must be statically shaped tensor of 64-bit signless integer or 32-bit signless integer values}}
  %0 = dataflow.gather %x, %i {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @pad_length(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'pads' must have 4 values, got 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.pad constant %x {pads = array<i64: 1, 1>} : tensor<2x3xf32> -> tensor<3x4xf32>
  return
}

// -----

func.func @pad_reflect(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'reflect' padding of dim 1 (size 3) must be smaller than the dim}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.pad reflect %x {pads = array<i64: 0, 3, 0, 0>} : tensor<2x3xf32> -> tensor<2x6xf32>
  return
}

// -----

func.func @pad_negative(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'pads' values must be >= 0, got -1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dataflow.pad edge %x {pads = array<i64: 0, -1, 0, 0>} : tensor<2x3xf32> -> tensor<2x2xf32>
  return
}

// -----

func.func @cast_shape(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result shape [3,2] differs from the input shape [2,3]}}
  %0 = dataflow.cast %x : tensor<2x3xf32> -> tensor<3x2xi64>
  return
}

// -----

func.func @resize_rank(%x: tensor<1x3x4x4xf32>) {
  // expected-error @+1 {{result rank 3 differs from the input rank 4}}
  %0 = dataflow.resize nearest %x {scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : tensor<1x3x4x4xf32> -> tensor<3x8x8xf32>
  return
}

// -----

func.func @resize_scales(%x: tensor<1x3x4x4xf32>) {
  // expected-error @+1 {{'scales' must have one value per dim (4), got 2}}
  %0 = dataflow.resize linear %x {scales = array<f32: 2.0, 2.0>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return
}

// -----

func.func @resize_negative_scale(%x: tensor<1x3x4x4xf32>) {
  // expected-error @+1 {{'scales' must be positive and finite, got -2}}
  %0 = dataflow.resize linear %x {scales = array<f32: 1.0, 1.0, -2.0, 2.0>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return
}

// -----

func.func @resize_mode(%x: tensor<1x3x4x4xf32>) {
  // expected-error @+1 {{unknown resize_mode 'area'}}
  %0 = dataflow.resize area %x {scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return
}

// -----

func.func @missing_attribute(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{requires attribute 'perm'}}
  %0 = dataflow.transpose %x : tensor<2x3xf32> -> tensor<3x2xf32>
  return
}
