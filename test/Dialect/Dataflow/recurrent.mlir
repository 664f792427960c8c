// RUN: accel-opt %s | FileCheck %s
// RUN: accel-opt %s | accel-opt | FileCheck %s
// RUN: accel-opt %s --mlir-print-op-generic | accel-opt | FileCheck %s
// rnn, gru and lstm: optional operands by keyword, activations as a list of names.

// CHECK-LABEL: func.func @rnn
func.func @rnn(%x: tensor<4x2x3xf32>, %w: tensor<1x5x3xf32>, %r: tensor<1x5x5xf32>,
               %b: tensor<1x10xf32>) -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>) {
  // CHECK: %output, %output_h{{.*}} = dataflow.rnn forward %{{.*}}, %{{.*}}, %{{.*}} bias(%{{.*}}) activations [tanh] : (tensor<4x2x3xf32>, tensor<1x5x3xf32>, tensor<1x5x5xf32>, tensor<1x10xf32>) -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>)
  %y, %yh = dataflow.rnn forward %x, %w, %r bias(%b) activations [tanh]
      : (tensor<4x2x3xf32>, tensor<1x5x3xf32>, tensor<1x5x5xf32>, tensor<1x10xf32>)
      -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>)
  return %y, %yh : tensor<4x1x2x5xf32>, tensor<1x2x5xf32>
}

// Batch first (layout 1), both directions, sequence lengths and an initial state;
// parameterised activations carry one alpha and beta per activation.
// CHECK-LABEL: func.func @gru
func.func @gru(%x: tensor<2x4x3xf32>, %w: tensor<2x15x3xf32>, %r: tensor<2x15x5xf32>,
               %l: tensor<2xi32>, %h: tensor<2x2x5xf32>) -> (tensor<2x4x2x5xf32>, tensor<2x2x5xf32>) {
  // CHECK: dataflow.gru bidirectional %{{.*}}, %{{.*}}, %{{.*}} sequence_lens(%{{.*}}) initial_h(%{{.*}}) activations [hard_sigmoid, tanh, sigmoid, leaky_relu] {activation_alpha = array<f32: 2.000000e-01, 0.000000e+00, 0.000000e+00, 1.000000e-01>, activation_beta = array<f32: 5.000000e-01, 0.000000e+00, 0.000000e+00, 0.000000e+00>, clip = 3.000000e+00 : f32, layout = 1 : i64, linear_before_reset = true}
  %y, %yh = dataflow.gru bidirectional %x, %w, %r sequence_lens(%l) initial_h(%h)
      activations [hard_sigmoid, tanh, sigmoid, leaky_relu]
      {activation_alpha = array<f32: 0.2, 0.0, 0.0, 0.1>, activation_beta = array<f32: 0.5, 0.0, 0.0, 0.0>,
       clip = 3.0 : f32, layout = 1 : i64, linear_before_reset = true}
      : (tensor<2x4x3xf32>, tensor<2x15x3xf32>, tensor<2x15x5xf32>, tensor<2xi32>, tensor<2x2x5xf32>)
      -> (tensor<2x4x2x5xf32>, tensor<2x2x5xf32>)
  return %y, %yh : tensor<2x4x2x5xf32>, tensor<2x2x5xf32>
}

// CHECK-LABEL: func.func @lstm
func.func @lstm(%x: tensor<3x2x4xf32>, %w: tensor<1x12x4xf32>, %r: tensor<1x12x3xf32>,
                %b: tensor<1x24xf32>, %l: tensor<2xi64>, %h: tensor<1x2x3xf32>,
                %c: tensor<1x2x3xf32>, %p: tensor<1x9xf32>)
    -> (tensor<3x1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>) {
  // CHECK: %output, %output_h{{.*}} = dataflow.lstm reverse %{{.*}}, %{{.*}}, %{{.*}} bias(%{{.*}}) sequence_lens(%{{.*}}) initial_h(%{{.*}}) initial_c(%{{.*}}) peepholes(%{{.*}}) activations [sigmoid, tanh, tanh] {input_forget = true}
  %y, %yh, %yc = dataflow.lstm reverse %x, %w, %r bias(%b) sequence_lens(%l) initial_h(%h)
      initial_c(%c) peepholes(%p) activations [sigmoid, tanh, tanh] {input_forget = true}
      : (tensor<3x2x4xf32>, tensor<1x12x4xf32>, tensor<1x12x3xf32>, tensor<1x24xf32>,
         tensor<2xi64>, tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x9xf32>)
      -> (tensor<3x1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>)
  // Only the cell state's initial value: the other optional operands stay absent.
  // CHECK: dataflow.lstm forward %{{.*}}, %{{.*}}, %{{.*}} initial_c(%{{.*}}) activations [sigmoid, tanh, tanh] :
  %y2, %yh2, %yc2 = dataflow.lstm forward %x, %w, %r initial_c(%c) activations [sigmoid, tanh, tanh]
      : (tensor<3x2x4xf32>, tensor<1x12x4xf32>, tensor<1x12x3xf32>, tensor<1x2x3xf32>)
      -> (tensor<3x1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>)
  return %y, %yh, %yc2 : tensor<3x1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>
}
