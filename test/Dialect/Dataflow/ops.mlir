// RUN: accel-opt %s | FileCheck %s
// RUN: accel-opt %s | accel-opt | FileCheck %s
// RUN: accel-opt %s --mlir-print-op-generic | accel-opt | FileCheck %s
// RUN: accel-opt %s --emit-bytecode | accel-opt | FileCheck %s

// Round trip of every dataflow op in its custom assembly.

// CHECK-LABEL: func.func @constant
func.func @constant() -> (tensor<2x2xf32>, tensor<3xi64>, tensor<i1>) {
  // CHECK: dataflow.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
  %0 = dataflow.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  // CHECK: dataflow.constant dense<[1, 2, 3]> : tensor<3xi64>
  %1 = dataflow.constant dense<[1, 2, 3]> : tensor<3xi64>
  // CHECK: dataflow.constant dense<true> : tensor<i1>
  %2 = dataflow.constant dense<true> : tensor<i1>
  return %0, %1, %2 : tensor<2x2xf32>, tensor<3xi64>, tensor<i1>
}

// CHECK-LABEL: func.func @matmul
func.func @matmul(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>, %c: tensor<5x4xf32>,
                  %v: tensor<4xf32>, %i: tensor<3x4xi32>, %j: tensor<4x2xi32>) {
  // CHECK: dataflow.matmul %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  %0 = dataflow.matmul %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  // CHECK: dataflow.matmul %{{.*}}, %{{.*}} {transpose_rhs = true} : (tensor<2x3x4xf32>, tensor<5x4xf32>) -> tensor<2x3x5xf32>
  %1 = dataflow.matmul %a, %c {transpose_rhs = true} : (tensor<2x3x4xf32>, tensor<5x4xf32>) -> tensor<2x3x5xf32>
  // CHECK: dataflow.matmul %{{.*}}, %{{.*}} : (tensor<4xf32>, tensor<4x5xf32>) -> tensor<5xf32>
  %2 = dataflow.matmul %v, %b : (tensor<4xf32>, tensor<4x5xf32>) -> tensor<5xf32>
  // CHECK: dataflow.matmul %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  %3 = dataflow.matmul %a, %v : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  // CHECK: dataflow.matmul %{{.*}}, %{{.*}} {transpose_lhs = true, transpose_rhs = true} : (tensor<4x5xf32>, tensor<2x3x4xf32>) -> tensor<2x5x3xf32>
  %4 = dataflow.matmul %b, %a {transpose_lhs = true, transpose_rhs = true} : (tensor<4x5xf32>, tensor<2x3x4xf32>) -> tensor<2x5x3xf32>
  // CHECK: dataflow.matmul %{{.*}}, %{{.*}} : (tensor<3x4xi32>, tensor<4x2xi32>) -> tensor<3x2xi32>
  %5 = dataflow.matmul %i, %j : (tensor<3x4xi32>, tensor<4x2xi32>) -> tensor<3x2xi32>
  return
}

// CHECK-LABEL: func.func @conv
func.func @conv(%x: tensor<1x4x8x8xf32>, %w: tensor<8x2x3x3xf32>, %b: tensor<8xf32>,
                %x1: tensor<2x3x10xf32>, %w1: tensor<6x3x3xf32>,
                %x3: tensor<1x2x4x4x4xf32>, %w3: tensor<4x2x2x2x2xf32>) {
  // CHECK: dataflow.conv %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>, tensor<8xf32>) -> tensor<1x8x8x8xf32>
  %0 = dataflow.conv %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>, tensor<8xf32>) -> tensor<1x8x8x8xf32>
  // Stride 2, dilation 2, asymmetric pads: (8 + 0 + 1 - 5) / 2 + 1 = 3.
  // CHECK: dataflow.conv %{{.*}}, %{{.*}} {dilations = array<i64: 2, 2>, groups = 2 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>) -> tensor<1x8x3x3xf32>
  %1 = dataflow.conv %x, %w {strides = array<i64: 2, 2>, dilations = array<i64: 2, 2>, pads = array<i64: 0, 0, 1, 1>, groups = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>) -> tensor<1x8x3x3xf32>
  // CHECK: dataflow.conv {{.*}} -> tensor<2x6x8xf32>
  %2 = dataflow.conv %x1, %w1 {strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>} : (tensor<2x3x10xf32>, tensor<6x3x3xf32>) -> tensor<2x6x8xf32>
  // CHECK: dataflow.conv {{.*}} -> tensor<1x4x3x3x3xf32>
  %3 = dataflow.conv %x3, %w3 {strides = array<i64: 1, 1, 1>, dilations = array<i64: 1, 1, 1>, pads = array<i64: 0, 0, 0, 0, 0, 0>} : (tensor<1x2x4x4x4xf32>, tensor<4x2x2x2x2xf32>) -> tensor<1x4x3x3x3xf32>
  return
}

// CHECK-LABEL: func.func @conv_transpose
func.func @conv_transpose(%x: tensor<1x4x5x5xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<6xf32>) {
  // 2 * (5 - 1) + 1 + 3 - 1 - 1 = 10; channels 3 * groups 2 = 6.
  // CHECK: dataflow.conv_transpose %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 2 : i64, output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<6xf32>) -> tensor<1x6x10x10xf32>
  %0 = dataflow.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>, groups = 2 : i64} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<6xf32>) -> tensor<1x6x10x10xf32>
  return
}

// CHECK-LABEL: func.func @unary
func.func @unary(%x: tensor<2x3xf32>, %i: tensor<4xi64>, %p: tensor<4xi1>) {
  // CHECK: dataflow.unary relu %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
  %0 = dataflow.unary relu %x : tensor<2x3xf32> -> tensor<2x3xf32>
  // CHECK: dataflow.unary leaky_relu %{{.*}} {alpha = 1.000000e-01 : f32} : tensor<2x3xf32> -> tensor<2x3xf32>
  %1 = dataflow.unary leaky_relu %x {alpha = 0.1 : f32} : tensor<2x3xf32> -> tensor<2x3xf32>
  // CHECK: dataflow.unary hard_sigmoid %{{.*}} {alpha = 2.000000e-01 : f32, beta = 5.000000e-01 : f32}
  %2 = dataflow.unary hard_sigmoid %x {alpha = 0.2 : f32, beta = 0.5 : f32} : tensor<2x3xf32> -> tensor<2x3xf32>
  // CHECK: dataflow.unary isnan %{{.*}} : tensor<2x3xf32> -> tensor<2x3xi1>
  %3 = dataflow.unary isnan %x : tensor<2x3xf32> -> tensor<2x3xi1>
  // CHECK: dataflow.unary abs %{{.*}} : tensor<4xi64> -> tensor<4xi64>
  %4 = dataflow.unary abs %i : tensor<4xi64> -> tensor<4xi64>
  // CHECK: dataflow.unary not %{{.*}} : tensor<4xi1> -> tensor<4xi1>
  %5 = dataflow.unary not %p : tensor<4xi1> -> tensor<4xi1>
  // CHECK: dataflow.unary gelu
  %6 = dataflow.unary gelu %x : tensor<2x3xf32> -> tensor<2x3xf32>
  // CHECK: dataflow.unary thresholded_relu
  %7 = dataflow.unary thresholded_relu %x {alpha = 1.0 : f32} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @binary
func.func @binary(%x: tensor<2x3xf32>, %y: tensor<3xf32>, %s: tensor<f32>,
                  %p: tensor<2x1xi1>, %q: tensor<1x3xi1>, %i: tensor<4xi32>) {
  // CHECK: dataflow.binary add %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %0 = dataflow.binary add %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: dataflow.binary mul %{{.*}}, %{{.*}} : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = dataflow.binary mul %s, %x : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: dataflow.binary less_equal %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %2 = dataflow.binary less_equal %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: dataflow.binary xor %{{.*}}, %{{.*}} : (tensor<2x1xi1>, tensor<1x3xi1>) -> tensor<2x3xi1>
  %3 = dataflow.binary xor %p, %q : (tensor<2x1xi1>, tensor<1x3xi1>) -> tensor<2x3xi1>
  // CHECK: dataflow.binary fmod %{{.*}}, %{{.*}} : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %4 = dataflow.binary fmod %i, %i : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  // CHECK: dataflow.binary greater_equal
  %5 = dataflow.binary greater_equal %i, %i : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  // CHECK: dataflow.binary equal
  %6 = dataflow.binary equal %p, %q : (tensor<2x1xi1>, tensor<1x3xi1>) -> tensor<2x3xi1>
  return
}

// CHECK-LABEL: func.func @clamp_where
func.func @clamp_where(%x: tensor<2x3xf32>, %c: tensor<3xi1>, %y: tensor<2x1xf32>) {
  // CHECK: dataflow.clamp %{{.*}} {max = 6.000000e+00 : f32, min = 0.000000e+00 : f32} : tensor<2x3xf32> -> tensor<2x3xf32>
  %0 = dataflow.clamp %x {min = 0.0 : f32, max = 6.0 : f32} : tensor<2x3xf32> -> tensor<2x3xf32>
  // CHECK: dataflow.where %{{.*}}, %{{.*}}, %{{.*}} : (tensor<3xi1>, tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  %1 = dataflow.where %c, %x, %y : (tensor<3xi1>, tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @reductions
func.func @reductions(%x: tensor<2x3x4xf32>) {
  // CHECK: dataflow.reduce sum %{{.*}} {axes = array<i64: 0, 2>} : tensor<2x3x4xf32> -> tensor<3xf32>
  %0 = dataflow.reduce sum %x {axes = array<i64: 0, 2>} : tensor<2x3x4xf32> -> tensor<3xf32>
  // CHECK: dataflow.reduce log_sum_exp %{{.*}} {axes = array<i64: 1>, keep_dims = true} : tensor<2x3x4xf32> -> tensor<2x1x4xf32>
  %1 = dataflow.reduce log_sum_exp %x {axes = array<i64: 1>, keep_dims = true} : tensor<2x3x4xf32> -> tensor<2x1x4xf32>
  // CHECK: dataflow.reduce mean %{{.*}} {axes = array<i64>} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  %2 = dataflow.reduce mean %x {axes = array<i64>} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  // CHECK: dataflow.reduce sum_square
  %3 = dataflow.reduce sum_square %x {axes = array<i64: 2>} : tensor<2x3x4xf32> -> tensor<2x3xf32>
  // CHECK: dataflow.arg_reduce max %{{.*}} {axis = 1 : i64} : tensor<2x3x4xf32> -> tensor<2x4xi64>
  %4 = dataflow.arg_reduce max %x {axis = 1 : i64} : tensor<2x3x4xf32> -> tensor<2x4xi64>
  // CHECK: dataflow.arg_reduce min %{{.*}} {axis = 2 : i64, keep_dims = true, select_last_index = true} : tensor<2x3x4xf32> -> tensor<2x3x1xi64>
  %5 = dataflow.arg_reduce min %x {axis = 2 : i64, keep_dims = true, select_last_index = true} : tensor<2x3x4xf32> -> tensor<2x3x1xi64>
  return
}

// CHECK-LABEL: func.func @pool
func.func @pool(%x: tensor<1x3x7x7xf32>) {
  // CHECK: dataflow.pool max %{{.*}} {dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<1x3x7x7xf32> -> tensor<1x3x4x4xf32>
  %0 = dataflow.pool max %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : tensor<1x3x7x7xf32> -> tensor<1x3x4x4xf32>
  // floor((7 - 2) / 2) + 1 = 3; ceil gives 4.
  // CHECK: dataflow.pool avg %{{.*}} {ceil_mode = true, count_include_pad = true, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x3x7x7xf32> -> tensor<1x3x4x4xf32>
  %1 = dataflow.pool avg %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true, count_include_pad = true} : tensor<1x3x7x7xf32> -> tensor<1x3x4x4xf32>
  // CHECK: dataflow.pool avg {{.*}} -> tensor<1x3x3x3xf32>
  %2 = dataflow.pool avg %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : tensor<1x3x7x7xf32> -> tensor<1x3x3x3xf32>
  return
}

// CHECK-LABEL: func.func @normalisation
func.func @normalisation(%x: tensor<2x3x4xf32>, %s: tensor<4xf32>, %b: tensor<3x4xf32>) {
  // CHECK: dataflow.softmax %{{.*}} {axis = 2 : i64} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  %0 = dataflow.softmax %x {axis = 2 : i64} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  // CHECK: dataflow.softmax %{{.*}} {axis = 0 : i64, log = true}
  %1 = dataflow.softmax %x {axis = 0 : i64, log = true} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  // The default epsilon (1e-5) is elided.
  // CHECK: dataflow.layer_norm %{{.*}}, %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
  %2 = dataflow.layer_norm %x, %s, %b {axis = 1 : i64, epsilon = 1.0e-5 : f32} : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
  // CHECK: dataflow.layer_norm %{{.*}}, %{{.*}} {axis = 2 : i64, epsilon = 1.000000e-03 : f32} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  %3 = dataflow.layer_norm %x, %s {axis = 2 : i64, epsilon = 1.0e-3 : f32} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return
}

// CHECK-LABEL: func.func @data_movement
func.func @data_movement(%x: tensor<2x3x4xf32>, %y: tensor<2x5x4xf32>, %idx: tensor<2x2xi64>,
                         %i32: tensor<3xi32>, %one: tensor<3x1xf32>) {
  // CHECK: dataflow.transpose %{{.*}} {perm = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  %0 = dataflow.transpose %x {perm = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  // CHECK: dataflow.reshape %{{.*}} : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %1 = dataflow.reshape %x : tensor<2x3x4xf32> -> tensor<6x4xf32>
  // CHECK: dataflow.expand %{{.*}} : tensor<3x1xf32> -> tensor<2x3x4xf32>
  %2 = dataflow.expand %one : tensor<3x1xf32> -> tensor<2x3x4xf32>
  // CHECK: dataflow.slice %{{.*}} {starts = array<i64: 0, 2, 3>, steps = array<i64: 1, -1, -2>} : tensor<2x3x4xf32> -> tensor<2x2x2xf32>
  %3 = dataflow.slice %x {starts = array<i64: 0, 2, 3>, steps = array<i64: 1, -1, -2>} : tensor<2x3x4xf32> -> tensor<2x2x2xf32>
  // CHECK: dataflow.concat %{{.*}}, %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<2x5x4xf32>, tensor<2x3x4xf32>) -> tensor<2x11x4xf32>
  %4 = dataflow.concat %x, %y, %x {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<2x5x4xf32>, tensor<2x3x4xf32>) -> tensor<2x11x4xf32>
  // CHECK: dataflow.gather %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<2x2xi64>) -> tensor<2x2x2x4xf32>
  %5 = dataflow.gather %x, %idx {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<2x2xi64>) -> tensor<2x2x2x4xf32>
  // CHECK: dataflow.gather %{{.*}}, %{{.*}} {axis = 0 : i64} : (tensor<3xi32>, tensor<2x2xi64>) -> tensor<2x2xi32>
  %6 = dataflow.gather %i32, %idx {axis = 0 : i64} : (tensor<3xi32>, tensor<2x2xi64>) -> tensor<2x2xi32>
  // CHECK: dataflow.pad constant %{{.*}} {pads = array<i64: 0, 1, 2, 0, 0, 1>, value = 1.500000e+00 : f32} : tensor<2x3x4xf32> -> tensor<2x4x7xf32>
  %7 = dataflow.pad constant %x {pads = array<i64: 0, 1, 2, 0, 0, 1>, value = 1.5 : f32} : tensor<2x3x4xf32> -> tensor<2x4x7xf32>
  // CHECK: dataflow.pad reflect %{{.*}} {pads = array<i64: 0, 2, 3, 0, 2, 3>} : tensor<2x3x4xf32> -> tensor<2x7x10xf32>
  %8 = dataflow.pad reflect %x {pads = array<i64: 0, 2, 3, 0, 2, 3>} : tensor<2x3x4xf32> -> tensor<2x7x10xf32>
  // CHECK: dataflow.pad edge
  %9 = dataflow.pad edge %x {pads = array<i64: 0, 0, 5, 0, 0, 0>} : tensor<2x3x4xf32> -> tensor<2x3x9xf32>
  // CHECK: dataflow.cast %{{.*}} : tensor<2x3x4xf32> -> tensor<2x3x4xi64>
  %10 = dataflow.cast %x : tensor<2x3x4xf32> -> tensor<2x3x4xi64>
  // CHECK: dataflow.cast %{{.*}} : tensor<3xi32> -> tensor<3xi1>
  %11 = dataflow.cast %i32 : tensor<3xi32> -> tensor<3xi1>
  return
}

// CHECK-LABEL: func.func @resize
func.func @resize(%x: tensor<1x3x4x4xf32>) {
  // CHECK: dataflow.resize nearest %{{.*}} {scales = array<f32: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  %0 = dataflow.resize nearest %x {scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  // CHECK: dataflow.resize linear %{{.*}} {coordinate_mode = #dataflow<resize_coordinate_mode align_corners>, nearest_mode = #dataflow<resize_nearest_mode floor>, scales = array<f32: 1.000000e+00, 1.000000e+00, 5.000000e-01, 5.000000e-01>} : tensor<1x3x4x4xf32> -> tensor<1x3x2x2xf32>
  %1 = dataflow.resize linear %x {coordinate_mode = #dataflow<resize_coordinate_mode align_corners>, nearest_mode = #dataflow<resize_nearest_mode floor>, scales = array<f32: 1.0, 1.0, 0.5, 0.5>} : tensor<1x3x4x4xf32> -> tensor<1x3x2x2xf32>
  return
}

// Storage types (every ONNX numeric type) at the function boundary, in
// constants and on both sides of a cast.
// CHECK-LABEL: func.func @storage_types
// CHECK-SAME: (%{{.*}}: tensor<2xf64>, %{{.*}}: tensor<2xui8>) -> (tensor<2xf16>, tensor<2xui64>)
func.func @storage_types(%d: tensor<2xf64>, %u: tensor<2xui8>) -> (tensor<2xf16>, tensor<2xui64>) {
  // CHECK: dataflow.cast %{{.*}} : tensor<2xf64> -> tensor<2xf32>
  %0 = dataflow.cast %d : tensor<2xf64> -> tensor<2xf32>
  // CHECK: dataflow.cast %{{.*}} : tensor<2xui8> -> tensor<2xi32>
  %1 = dataflow.cast %u : tensor<2xui8> -> tensor<2xi32>
  // CHECK: dataflow.constant dense<[1.000000e+00, 2.500000e+00]> : tensor<2xbf16>
  %c = dataflow.constant dense<[1.0, 2.5]> : tensor<2xbf16>
  // CHECK: dataflow.constant dense<[-1, 7]> : tensor<2xi8>
  %c8 = dataflow.constant dense<[-1, 7]> : tensor<2xi8>
  // CHECK: dataflow.constant dense<[1, 65535]> : tensor<2xui16>
  %c16 = dataflow.constant dense<[1, 65535]> : tensor<2xui16>
  // CHECK: dataflow.constant dense<[1, 2]> : tensor<2xi16>
  %ci16 = dataflow.constant dense<[1, 2]> : tensor<2xi16>
  // CHECK: dataflow.constant dense<4294967295> : tensor<2xui32>
  %c32 = dataflow.constant dense<4294967295> : tensor<2xui32>
  %cb = dataflow.cast %c : tensor<2xbf16> -> tensor<2xf32>
  %s = dataflow.binary add %0, %cb : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  // CHECK: dataflow.cast %{{.*}} : tensor<2xf32> -> tensor<2xf16>
  %h = dataflow.cast %s : tensor<2xf32> -> tensor<2xf16>
  %w = dataflow.cast %1 : tensor<2xi32> -> tensor<2xi64>
  // CHECK: dataflow.cast %{{.*}} : tensor<2xi64> -> tensor<2xui64>
  %r = dataflow.cast %w : tensor<2xi64> -> tensor<2xui64>
  return %h, %r : tensor<2xf16>, tensor<2xui64>
}
