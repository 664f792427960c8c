// RUN: accel-opt %s --dataflow-fuse-epilogues --split-input-file | FileCheck %s

// ResNet's residual block end: conv -> add(residual) -> relu becomes one fused op whose
// operands are the conv's and the residual.
// CHECK-LABEL: func.func @conv_add_relu
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x4x8x8xf32>, %[[R:[^:]*]]: tensor<1x4x8x8xf32>)
// CHECK: %[[W:.*]] = dataflow.constant
// CHECK: %[[Y:.*]] = dataflow.fused %[[X]], %[[W]], %[[R]] : (tensor<1x4x8x8xf32>, tensor<4x4x1x1xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
// CHECK-NEXT: ^bb0(%[[A0:.*]]: tensor<1x4x8x8xf32>, %[[A1:.*]]: tensor<4x4x1x1xf32>, %[[A2:.*]]: tensor<1x4x8x8xf32>):
// CHECK-NEXT: %[[C:.*]] = dataflow.conv %[[A0]], %[[A1]]
// CHECK-NEXT: %[[S:.*]] = dataflow.binary add %[[A2]], %[[C]]
// CHECK-NEXT: %[[O:.*]] = dataflow.unary relu %[[S]]
// CHECK-NEXT: dataflow.yield %[[O]]
// CHECK-NEXT: }
// CHECK-NEXT: return %[[Y]]
func.func @conv_add_relu(%x: tensor<1x4x8x8xf32>, %r: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %w = dataflow.constant dense<1.0> : tensor<4x4x1x1xf32>
  %c = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x4x8x8xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x8x8xf32>
  %s = dataflow.binary add %r, %c : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %o = dataflow.unary relu %s : tensor<1x4x8x8xf32> -> tensor<1x4x8x8xf32>
  return %o : tensor<1x4x8x8xf32>
}

// -----

// matmul -> bias add -> SiLU (x * sigmoid(x)) -> clamp: the sigmoid/mul pair joins as one step.
// CHECK-LABEL: func.func @matmul_bias_silu_clamp
// CHECK: %[[Y:.*]] = dataflow.fused
// CHECK: dataflow.matmul
// CHECK-NEXT: %[[B:.*]] = dataflow.binary add
// CHECK-NEXT: %[[SIG:.*]] = dataflow.unary sigmoid %[[B]]
// CHECK-NEXT: %[[M:.*]] = dataflow.binary mul %[[B]], %[[SIG]]
// CHECK-NEXT: %[[CL:.*]] = dataflow.clamp %[[M]]
// CHECK-NEXT: dataflow.yield %[[CL]]
// CHECK: return %[[Y]]
func.func @matmul_bias_silu_clamp(%x: tensor<2x8xf32>) -> tensor<2x4xf32> {
  %w = dataflow.constant dense<0.5> : tensor<8x4xf32>
  %b = dataflow.constant dense<0.25> : tensor<4xf32>
  %m = dataflow.matmul %x, %w : (tensor<2x8xf32>, tensor<8x4xf32>) -> tensor<2x4xf32>
  %a = dataflow.binary add %m, %b : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %s = dataflow.unary sigmoid %a : tensor<2x4xf32> -> tensor<2x4xf32>
  %y = dataflow.binary mul %a, %s : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %c = dataflow.clamp %y {min = 0.0 : f32, max = 6.0 : f32} : tensor<2x4xf32> -> tensor<2x4xf32>
  return %c : tensor<2x4xf32>
}

// -----

// A value another op also reads ends the chain: the conv result is returned too, so
// nothing fuses; after the add, the relu's input is read twice, so only the add fuses.
// CHECK-LABEL: func.func @second_reader
// CHECK: %[[C:.*]] = dataflow.conv
// CHECK: dataflow.binary add %[[C]]
// CHECK-LABEL: func.func @second_reader_later
// CHECK: %[[F:.*]] = dataflow.fused
// CHECK: dataflow.binary add
// CHECK-NEXT: dataflow.yield
// CHECK: %[[R:.*]] = dataflow.unary relu %[[F]]
// CHECK: return %[[R]], %[[F]]
func.func @second_reader(%x: tensor<1x4x8x8xf32>) -> (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) {
  %w = dataflow.constant dense<1.0> : tensor<4x4x1x1xf32>
  %b = dataflow.constant dense<1.0> : tensor<4x1x1xf32>
  %c = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x4x8x8xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x8x8xf32>
  %a = dataflow.binary add %c, %b : (tensor<1x4x8x8xf32>, tensor<4x1x1xf32>) -> tensor<1x4x8x8xf32>
  return %a, %c : tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>
}
func.func @second_reader_later(%x: tensor<1x4x8x8xf32>) -> (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) {
  %w = dataflow.constant dense<1.0> : tensor<4x4x1x1xf32>
  %b = dataflow.constant dense<1.0> : tensor<4x1x1xf32>
  %c = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x4x8x8xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x8x8xf32>
  %a = dataflow.binary add %c, %b : (tensor<1x4x8x8xf32>, tensor<4x1x1xf32>) -> tensor<1x4x8x8xf32>
  %r = dataflow.unary relu %a : tensor<1x4x8x8xf32> -> tensor<1x4x8x8xf32>
  return %r, %a : tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>
}

// -----

// Not epilogues: a binary whose result broadcasts beyond the conv's shape, a sub with the
// conv result on the right, a comparison, and an integer matmul.
// CHECK-LABEL: func.func @not_fused
// CHECK-NOT: dataflow.fused
// CHECK: return
func.func @not_fused(%x: tensor<1x4x1x1xf32>, %big: tensor<1x4x8x8xf32>, %i: tensor<2x2xi64>) -> (tensor<1x4x8x8xf32>, tensor<1x4x1x1xf32>, tensor<1x4x1x1xi1>, tensor<2x2xi64>) {
  %w = dataflow.constant dense<1.0> : tensor<4x4x1x1xf32>
  %c0 = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x4x1x1xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x1x1xf32>
  %a = dataflow.binary add %c0, %big : (tensor<1x4x1x1xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %c1 = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x4x1x1xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x1x1xf32>
  %s = dataflow.binary sub %x, %c1 : (tensor<1x4x1x1xf32>, tensor<1x4x1x1xf32>) -> tensor<1x4x1x1xf32>
  %c2 = dataflow.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x4x1x1xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x1x1xf32>
  %e = dataflow.binary less %c2, %x : (tensor<1x4x1x1xf32>, tensor<1x4x1x1xf32>) -> tensor<1x4x1x1xi1>
  %m = dataflow.matmul %i, %i : (tensor<2x2xi64>, tensor<2x2xi64>) -> tensor<2x2xi64>
  %n = dataflow.unary neg %m : tensor<2x2xi64> -> tensor<2x2xi64>
  return %a, %s, %e, %n : tensor<1x4x8x8xf32>, tensor<1x4x1x1xf32>, tensor<1x4x1x1xi1>, tensor<2x2xi64>
}

// -----

// GELU as torch exports it before opset 20 is raised to `unary gelu` and fused; with a
// wrong constant (0.6 instead of 0.5) it is left alone (only the bias add fuses).
// CHECK-LABEL: func.func @erf_gelu
// CHECK: dataflow.fused
// CHECK: dataflow.matmul
// CHECK-NEXT: dataflow.binary add
// CHECK-NEXT: %[[G:.*]] = dataflow.unary gelu
// CHECK-NEXT: dataflow.yield %[[G]]
// CHECK-NOT: erf
// CHECK-LABEL: func.func @not_gelu
// CHECK: dataflow.unary erf
func.func @erf_gelu(%x: tensor<2x8xf32>) -> tensor<2x4xf32> {
  %w = dataflow.constant dense<0.5> : tensor<8x4xf32>
  %b = dataflow.constant dense<0.25> : tensor<4xf32>
  %sqrt2 = dataflow.constant dense<1.41421354> : tensor<f32>
  %one = dataflow.constant dense<1.0> : tensor<f32>
  %half = dataflow.constant dense<0.5> : tensor<f32>
  %m = dataflow.matmul %x, %w : (tensor<2x8xf32>, tensor<8x4xf32>) -> tensor<2x4xf32>
  %a = dataflow.binary add %m, %b : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %d = dataflow.binary div %a, %sqrt2 : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  %e = dataflow.unary erf %d : tensor<2x4xf32> -> tensor<2x4xf32>
  %p = dataflow.binary add %e, %one : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  %q = dataflow.binary mul %a, %p : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %y = dataflow.binary mul %q, %half : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
func.func @not_gelu(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %sqrt2 = dataflow.constant dense<1.41421354> : tensor<f32>
  %one = dataflow.constant dense<1.0> : tensor<f32>
  %half = dataflow.constant dense<0.6> : tensor<f32>
  %d = dataflow.binary div %x, %sqrt2 : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  %e = dataflow.unary erf %d : tensor<2x4xf32> -> tensor<2x4xf32>
  %p = dataflow.binary add %e, %one : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  %q = dataflow.binary mul %x, %p : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %y = dataflow.binary mul %q, %half : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
