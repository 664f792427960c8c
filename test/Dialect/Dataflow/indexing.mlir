// RUN: accel-opt %s | FileCheck %s
// RUN: accel-opt %s | accel-opt | FileCheck %s
// RUN: accel-opt %s --mlir-print-op-generic | accel-opt | FileCheck %s
// gather_elements, scatter_elements, gather_nd, scatter_nd and top_k.

// CHECK-LABEL: func.func @gather_elements
func.func @gather_elements(%x: tensor<3x4xf32>, %i: tensor<2x4xi64>, %j: tensor<3x2xi32>,
                           %k: tensor<3x4xi64>) -> (tensor<2x4xf32>, tensor<3x2xf32>, tensor<3x4xi64>) {
  // CHECK: dataflow.gather_elements %{{.*}}, %{{.*}} {axis = 0 : i64} : (tensor<3x4xf32>, tensor<2x4xi64>) -> tensor<2x4xf32>
  %0 = dataflow.gather_elements %x, %i {axis = 0 : i64} : (tensor<3x4xf32>, tensor<2x4xi64>) -> tensor<2x4xf32>
  // The indices may be longer than the input along the axis only.
  // CHECK: dataflow.gather_elements %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<3x4xf32>, tensor<3x2xi32>) -> tensor<3x2xf32>
  %1 = dataflow.gather_elements %x, %j {axis = 1 : i64} : (tensor<3x4xf32>, tensor<3x2xi32>) -> tensor<3x2xf32>
  // CHECK: dataflow.gather_elements %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<3x4xi64>, tensor<3x4xi64>) -> tensor<3x4xi64>
  %2 = dataflow.gather_elements %k, %k {axis = 1 : i64} : (tensor<3x4xi64>, tensor<3x4xi64>) -> tensor<3x4xi64>
  return %0, %1, %2 : tensor<2x4xf32>, tensor<3x2xf32>, tensor<3x4xi64>
}

// CHECK-LABEL: func.func @scatter_elements
func.func @scatter_elements(%x: tensor<3x4xf32>, %i: tensor<2x4xi64>, %u: tensor<2x4xf32>) -> (tensor<3x4xf32>, tensor<3x4xf32>) {
  // CHECK: dataflow.scatter_elements %{{.*}}, %{{.*}}, %{{.*}} {axis = 0 : i64} : (tensor<3x4xf32>, tensor<2x4xi64>, tensor<2x4xf32>) -> tensor<3x4xf32>
  %0 = dataflow.scatter_elements %x, %i, %u {axis = 0 : i64} : (tensor<3x4xf32>, tensor<2x4xi64>, tensor<2x4xf32>) -> tensor<3x4xf32>
  // CHECK: dataflow.scatter_elements %{{.*}}, %{{.*}}, %{{.*}} {axis = 1 : i64, reduction = #dataflow<scatter_reduction add>}
  %1 = dataflow.scatter_elements %x, %i, %u {axis = 1 : i64, reduction = #dataflow<scatter_reduction add>} : (tensor<3x4xf32>, tensor<2x4xi64>, tensor<2x4xf32>) -> tensor<3x4xf32>
  return %0, %1 : tensor<3x4xf32>, tensor<3x4xf32>
}

// CHECK-LABEL: func.func @nd
func.func @nd(%x: tensor<2x3x4xf32>, %i: tensor<5x2xi64>, %b: tensor<2x1xi32>, %u: tensor<5x4xf32>)
    -> (tensor<5x4xf32>, tensor<2x4xf32>, tensor<2x3x4xf32>) {
  // CHECK: dataflow.gather_nd %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<5x2xi64>) -> tensor<5x4xf32>
  %0 = dataflow.gather_nd %x, %i : (tensor<2x3x4xf32>, tensor<5x2xi64>) -> tensor<5x4xf32>
  // CHECK: dataflow.gather_nd %{{.*}}, %{{.*}} {batch_dims = 1 : i64} : (tensor<2x3x4xf32>, tensor<2x1xi32>) -> tensor<2x4xf32>
  %1 = dataflow.gather_nd %x, %b {batch_dims = 1 : i64} : (tensor<2x3x4xf32>, tensor<2x1xi32>) -> tensor<2x4xf32>
  // CHECK: dataflow.scatter_nd %{{.*}}, %{{.*}}, %{{.*}} {reduction = #dataflow<scatter_reduction mul>} : (tensor<2x3x4xf32>, tensor<5x2xi64>, tensor<5x4xf32>) -> tensor<2x3x4xf32>
  %2 = dataflow.scatter_nd %x, %i, %u {reduction = #dataflow<scatter_reduction mul>} : (tensor<2x3x4xf32>, tensor<5x2xi64>, tensor<5x4xf32>) -> tensor<2x3x4xf32>
  return %0, %1, %2 : tensor<5x4xf32>, tensor<2x4xf32>, tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @top_k
func.func @top_k(%x: tensor<3x5xf32>) -> (tensor<3x2xf32>, tensor<3x2xi64>) {
  // CHECK: dataflow.top_k %{{.*}} {axis = 1 : i64, k = 2 : i64, largest = false} : tensor<3x5xf32> -> tensor<3x2xf32>, tensor<3x2xi64>
  %v, %i = dataflow.top_k %x {axis = 1 : i64, k = 2 : i64, largest = false} : tensor<3x5xf32> -> tensor<3x2xf32>, tensor<3x2xi64>
  return %v, %i : tensor<3x2xf32>, tensor<3x2xi64>
}
