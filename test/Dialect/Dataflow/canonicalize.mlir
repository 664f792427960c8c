// RUN: accel-opt %s --canonicalize --split-input-file --mlir-print-debuginfo | FileCheck %s

// CHECK-LABEL: func.func @reshape_same_type
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>
// CHECK-NEXT: return %[[X]]
func.func @reshape_same_type(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = dataflow.reshape %x : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_reshape
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3x4xf32>
// CHECK-NEXT: %[[R:.*]] = dataflow.reshape %[[X]] : tensor<2x3x4xf32> -> tensor<4x6xf32> loc(#[[FUSED:.*]])
// CHECK-NEXT: return %[[R]]
// CHECK: #[[A:.*]] = loc("a")
// CHECK: #[[B:.*]] = loc("b")
// CHECK: #[[FUSED]] = loc(fused[#[[A]], #[[B]]])
func.func @reshape_reshape(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  %0 = dataflow.reshape %x : tensor<2x3x4xf32> -> tensor<24xf32> loc("a")
  %1 = dataflow.reshape %0 : tensor<24xf32> -> tensor<4x6xf32> loc("b")
  return %1 : tensor<4x6xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_back
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3xf32>
// CHECK-NEXT: return %[[X]]
func.func @reshape_back(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = dataflow.reshape %x : tensor<2x3xf32> -> tensor<6xf32>
  %1 = dataflow.reshape %0 : tensor<6xf32> -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @expand_cast_same_type
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3xf32>
// CHECK-NEXT: return %[[X]], %[[X]]
func.func @expand_cast_same_type(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = dataflow.expand %x : tensor<2x3xf32> -> tensor<2x3xf32>
  %1 = dataflow.cast %x : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_identity
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3xf32>
// CHECK-NEXT: return %[[X]]
func.func @transpose_identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = dataflow.transpose %x {perm = array<i64: 0, 1>} : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Output dim i is input dim inner[outer[i]]: inner [1,2,0], outer [1,0,2] -> [2,1,0].
// CHECK-LABEL: func.func @transpose_transpose
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3x4xf32>
// CHECK-NEXT: %[[T:.*]] = dataflow.transpose %[[X]] {perm = array<i64: 2, 1, 0>} : tensor<2x3x4xf32> -> tensor<4x3x2xf32> loc(#[[FUSED:.*]])
// CHECK-NEXT: return %[[T]]
// CHECK: #[[FUSED]] = loc(fused[#{{.*}}, #{{.*}}])
func.func @transpose_transpose(%x: tensor<2x3x4xf32>) -> tensor<4x3x2xf32> {
  %0 = dataflow.transpose %x {perm = array<i64: 1, 2, 0>} : tensor<2x3x4xf32> -> tensor<3x4x2xf32> loc("t1")
  %1 = dataflow.transpose %0 {perm = array<i64: 1, 0, 2>} : tensor<3x4x2xf32> -> tensor<4x3x2xf32> loc("t2")
  return %1 : tensor<4x3x2xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_inverse
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3x4xf32>
// CHECK-NEXT: return %[[X]]
func.func @transpose_inverse(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = dataflow.transpose %x {perm = array<i64: 1, 2, 0>} : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
  %1 = dataflow.transpose %0 {perm = array<i64: 2, 0, 1>} : tensor<3x4x2xf32> -> tensor<2x3x4xf32>
  return %1 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @unary_identity
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3xf32>
// CHECK-NEXT: %[[R:.*]] = dataflow.unary relu %[[X]]
// CHECK-NEXT: return %[[R]]
func.func @unary_identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = dataflow.unary identity %x : tensor<2x3xf32> -> tensor<2x3xf32>
  %1 = dataflow.unary relu %0 : tensor<2x3xf32> -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @slice
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3xf32>
// CHECK-NEXT: %[[S:.*]] = dataflow.slice %[[X]] {starts = array<i64: 1, 2>, steps = array<i64: -1, -1>}
// CHECK-NEXT: return %[[X]], %[[S]]
func.func @slice(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = dataflow.slice %x {starts = array<i64: 0, 0>, steps = array<i64: 1, 1>} : tensor<2x3xf32> -> tensor<2x3xf32>
  // Same shape but reversed: not the identity.
  %1 = dataflow.slice %x {starts = array<i64: 1, 2>, steps = array<i64: -1, -1>} : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @concat_single
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3xf32>
// CHECK-NEXT: return %[[X]]
func.func @concat_single(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = dataflow.concat %x {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @fold_constants
// CHECK-DAG: %[[R:.*]] = dataflow.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG: %[[T:.*]] = dataflow.constant dense<{{\[\[}}1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK-DAG: %[[C:.*]] = dataflow.constant dense<[1, -2, 0, 3]> : tensor<4xi64>
// CHECK-DAG: %[[B:.*]] = dataflow.constant dense<[true, true, false, true]> : tensor<4xi1>
// CHECK-DAG: %[[E:.*]] = dataflow.constant dense<7> : tensor<2x3xi32>
// CHECK: return %[[R]], %[[T]], %[[C]], %[[B]], %[[E]]
func.func @fold_constants() -> (tensor<2x3xf32>, tensor<3x2xf32>, tensor<4xi64>, tensor<4xi1>, tensor<2x3xi32>) {
  %c = dataflow.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]> : tensor<6xf32>
  %r = dataflow.reshape %c : tensor<6xf32> -> tensor<2x3xf32>
  %t = dataflow.transpose %r {perm = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  %f = dataflow.constant dense<[1.9, -2.7, 0.0, 3.0]> : tensor<4xf32>
  %i = dataflow.cast %f : tensor<4xf32> -> tensor<4xi64>
  %b = dataflow.cast %f : tensor<4xf32> -> tensor<4xi1>
  %s = dataflow.constant dense<7> : tensor<3xi32>
  %e = dataflow.expand %s : tensor<3xi32> -> tensor<2x3xi32>
  return %r, %t, %i, %b, %e : tensor<2x3xf32>, tensor<3x2xf32>, tensor<4xi64>, tensor<4xi1>, tensor<2x3xi32>
}

// -----

// Casting a value that does not fit the integer type is left to the runtime.
// CHECK-LABEL: func.func @cast_out_of_range
// CHECK: dataflow.cast
func.func @cast_out_of_range() -> tensor<2xi32> {
  %f = dataflow.constant dense<[1.0e10, 1.0]> : tensor<2xf32>
  %i = dataflow.cast %f : tensor<2xf32> -> tensor<2xi32>
  return %i : tensor<2xi32>
}

// -----

// Casts to and from storage types fold with the runtime's rules: nearest even
// for f16/bf16 (2049 and 1 + 2^-8 are ties), integers wrap, unsigned sources
// zero-extend.
// CHECK-LABEL: func.func @fold_storage_casts
// CHECK-DAG: %[[H:.*]] = dataflow.constant dense<[2.048000e+03, 2.052000e+03, 9.997550e-02]> : tensor<3xf16>
// CHECK-DAG: %[[U:.*]] = dataflow.constant dense<[44, 255]> : tensor<2xui8>
// CHECK-DAG: %[[W:.*]] = dataflow.constant dense<[200, 255]> : tensor<2xi32>
// CHECK-DAG: %[[F:.*]] = dataflow.constant dense<1.84467441E+19> : tensor<1xf32>
// CHECK-DAG: %[[B:.*]] = dataflow.constant dense<[1.000000e+00, 1.015630e+00]> : tensor<2xbf16>
// CHECK: return %[[H]], %[[U]], %[[W]], %[[F]], %[[B]]
func.func @fold_storage_casts() -> (tensor<3xf16>, tensor<2xui8>, tensor<2xi32>, tensor<1xf32>, tensor<2xbf16>) {
  %f = dataflow.constant dense<[2049.0, 2051.0, 0.1]> : tensor<3xf32>
  %h = dataflow.cast %f : tensor<3xf32> -> tensor<3xf16>
  %i = dataflow.constant dense<[300, -1]> : tensor<2xi32>
  %u = dataflow.cast %i : tensor<2xi32> -> tensor<2xui8>
  %u8 = dataflow.constant dense<[200, 255]> : tensor<2xui8>
  %w = dataflow.cast %u8 : tensor<2xui8> -> tensor<2xi32>
  %big = dataflow.constant dense<18446744073709551615> : tensor<1xui64>
  %bf = dataflow.cast %big : tensor<1xui64> -> tensor<1xf32>
  %g = dataflow.constant dense<[1.00390625, 1.01171875]> : tensor<2xf32>
  %b = dataflow.cast %g : tensor<2xf32> -> tensor<2xbf16>
  return %h, %u, %w, %bf, %b : tensor<3xf16>, tensor<2xui8>, tensor<2xi32>, tensor<1xf32>, tensor<2xbf16>
}

// -----

// A cast back to the original type after a cast that kept every value is the
// original value; after a rounding or wrapping cast it stays.
// CHECK-LABEL: func.func @cast_round_trips
// CHECK-SAME: (%[[H:[a-z0-9]+]]: tensor<2xf16>{{.*}}, %[[U:[a-z0-9]+]]: tensor<2xui8>{{.*}}, %[[F:[a-z0-9]+]]: tensor<2xf32>{{.*}}, %[[I:[a-z0-9]+]]: tensor<2xi32>{{.*}}, %[[B:[a-z0-9]+]]: tensor<2xi1>
// CHECK-NEXT: %[[F16:.*]] = dataflow.cast %[[F]] : tensor<2xf32> -> tensor<2xf16>
// CHECK-NEXT: %[[F32:.*]] = dataflow.cast %[[F16]] : tensor<2xf16> -> tensor<2xf32>
// CHECK-NEXT: %[[I8:.*]] = dataflow.cast %[[I]] : tensor<2xi32> -> tensor<2xi8>
// CHECK-NEXT: %[[I32:.*]] = dataflow.cast %[[I8]] : tensor<2xi8> -> tensor<2xi32>
// CHECK-NEXT: return %[[H]], %[[U]], %[[F32]], %[[I32]], %[[B]]
func.func @cast_round_trips(%h: tensor<2xf16>, %u: tensor<2xui8>, %f: tensor<2xf32>, %i: tensor<2xi32>, %b: tensor<2xi1>)
    -> (tensor<2xf16>, tensor<2xui8>, tensor<2xf32>, tensor<2xi32>, tensor<2xi1>) {
  %0 = dataflow.cast %h : tensor<2xf16> -> tensor<2xf32>
  %1 = dataflow.cast %0 : tensor<2xf32> -> tensor<2xf16>
  %2 = dataflow.cast %u : tensor<2xui8> -> tensor<2xi32>
  %3 = dataflow.cast %2 : tensor<2xi32> -> tensor<2xui8>
  %4 = dataflow.cast %f : tensor<2xf32> -> tensor<2xf16>
  %5 = dataflow.cast %4 : tensor<2xf16> -> tensor<2xf32>
  %6 = dataflow.cast %i : tensor<2xi32> -> tensor<2xi8>
  %7 = dataflow.cast %6 : tensor<2xi8> -> tensor<2xi32>
  %8 = dataflow.cast %b : tensor<2xi1> -> tensor<2xbf16>
  %9 = dataflow.cast %8 : tensor<2xbf16> -> tensor<2xi1>
  return %1, %3, %5, %7, %9 : tensor<2xf16>, tensor<2xui8>, tensor<2xf32>, tensor<2xi32>, tensor<2xi1>
}

// -----

// A negative float has no unsigned value: left to the runtime.
// CHECK-LABEL: func.func @cast_negative_to_unsigned
// CHECK: dataflow.cast
func.func @cast_negative_to_unsigned() -> tensor<1xui8> {
  %f = dataflow.constant dense<[-1.5]> : tensor<1xf32>
  %u = dataflow.cast %f : tensor<1xf32> -> tensor<1xui8>
  return %u : tensor<1xui8>
}

// -----

// Constants are uniqued and dead ones removed.
// CHECK-LABEL: func.func @dedup
// CHECK-NEXT: %[[C:.*]] = dataflow.constant dense<1.000000e+00> : tensor<2xf32>
// CHECK-NEXT: %[[A:.*]] = dataflow.binary add %[[C]], %[[C]]
// CHECK-NEXT: return %[[A]]
func.func @dedup() -> tensor<2xf32> {
  %a = dataflow.constant dense<1.0> : tensor<2xf32>
  %b = dataflow.constant dense<1.0> : tensor<2xf32>
  %unused = dataflow.constant dense<2.0> : tensor<2xf32>
  %s = dataflow.binary add %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %s : tensor<2xf32>
}

// -----

// A transpose of the rhs's last two dims becomes its transpose flag (MatMul(x,
// Transpose(W))): the weight stays a constant, which device targets map. A transposed lhs
// stays (the WSE GEMM maps only matmuls without transpose_lhs).
// CHECK-LABEL: func.func @matmul_absorbs_rhs_transpose
// CHECK-SAME:    (%[[X:arg[0-9]+]]: tensor<4x10xf32>{{.*}}, %[[W:arg[0-9]+]]: tensor<8x10xf32>{{.*}}, %[[A:arg[0-9]+]]: tensor<2x10x4xf32>
// CHECK:         dataflow.matmul %[[X]], %[[W]] {transpose_rhs = true}
// CHECK:         %[[AT:.*]] = dataflow.transpose %[[A]]
// CHECK:         dataflow.matmul %[[AT]], %[[W]] {transpose_rhs = true}
func.func @matmul_absorbs_rhs_transpose(%x: tensor<4x10xf32>, %w: tensor<8x10xf32>, %a: tensor<2x10x4xf32>) -> (tensor<4x8xf32>, tensor<2x4x8xf32>) {
  %t = dataflow.transpose %w {perm = array<i64: 1, 0>} : tensor<8x10xf32> -> tensor<10x8xf32>
  %0 = dataflow.matmul %x, %t : (tensor<4x10xf32>, tensor<10x8xf32>) -> tensor<4x8xf32>
  %at = dataflow.transpose %a {perm = array<i64: 0, 2, 1>} : tensor<2x10x4xf32> -> tensor<2x4x10xf32>
  %1 = dataflow.matmul %at, %t : (tensor<2x4x10xf32>, tensor<10x8xf32>) -> tensor<2x4x8xf32>
  return %0, %1 : tensor<4x8xf32>, tensor<2x4x8xf32>
}

// -----

// Other permutations of the rhs stay.
// CHECK-LABEL: func.func @matmul_keeps_batch_transpose
// CHECK:         dataflow.transpose
// CHECK:         dataflow.matmul
func.func @matmul_keeps_batch_transpose(%a: tensor<2x4x3xf32>, %b: tensor<3x2x5xf32>) -> tensor<2x4x5xf32> {
  %t = dataflow.transpose %b {perm = array<i64: 1, 0, 2>} : tensor<3x2x5xf32> -> tensor<2x3x5xf32>
  %0 = dataflow.matmul %a, %t : (tensor<2x4x3xf32>, tensor<2x3x5xf32>) -> tensor<2x4x5xf32>
  return %0 : tensor<2x4x5xf32>
}
