// RUN: accel-opt %s | FileCheck %s
// RUN: accel-opt %s --mlir-print-op-generic | accel-opt | FileCheck %s

// CHECK-LABEL: func.func @cubic
func.func @cubic(%x: tensor<1x1x4x4xf32>) -> (tensor<1x1x8x8xf32>, tensor<1x1x2x2xf32>) {
  // Defaults (a = -0.75, exclude_outside = false) are elided.
  // CHECK: dataflow.resize cubic %{{.*}} {scales = array<f32: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>} : tensor<1x1x4x4xf32> -> tensor<1x1x8x8xf32>
  %0 = dataflow.resize cubic %x {scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : tensor<1x1x4x4xf32> -> tensor<1x1x8x8xf32>
  // CHECK: dataflow.resize cubic %{{.*}} {cubic_coeff_a = -5.000000e-01 : f32, exclude_outside = true, scales = array<f32: 1.000000e+00, 1.000000e+00, 5.000000e-01, 5.000000e-01>}
  %1 = dataflow.resize cubic %x {cubic_coeff_a = -0.5 : f32, exclude_outside = true, scales = array<f32: 1.0, 1.0, 0.5, 0.5>} : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
  return %0, %1 : tensor<1x1x8x8xf32>, tensor<1x1x2x2xf32>
}
