// RUN: accel-opt %s --convert-dataflow-to-host | FileCheck %s --check-prefix=HOST
// RUN: accel-opt %s --lower-to-host | accel-translate --emit-schedule -o %t.accel
// RUN: accel-translate --schedule-to-json %t.accel | FileCheck %s

// Recurrent ops run on the host kernels `lstm`, `gru` and `rnn`.
// HOST:      host.program preset("cpu") {
// HOST:        dataflow.lstm forward %{{.*}} sequence_lens(%{{.*}}) initial_c(%{{.*}}) activations [sigmoid, tanh, tanh]
// HOST:        dataflow.gru bidirectional

// In the schedule, absent optional operands keep their position as -1 (bias,
// initial_h; the absent peepholes are trailing and left out) and the activations
// are one string of names.
// CHECK:            "attrs": {
// CHECK-NEXT:         "activations": "sigmoid,tanh,tanh",
// CHECK-NEXT:         "direction": "forward",
// CHECK-NEXT:         "input_forget": 0,
// CHECK-NEXT:         "layout": 0
// CHECK-NEXT:       },
// CHECK-NEXT:       "flops": 1260,
// CHECK-NEXT:       "inputs": [
// CHECK-NEXT:         0,
// CHECK-NEXT:         1,
// CHECK-NEXT:         2,
// CHECK-NEXT:         -1,
// CHECK-NEXT:         3,
// CHECK-NEXT:         -1,
// CHECK-NEXT:         4
// CHECK-NEXT:       ],
// CHECK-NEXT:       "kernel": "lstm",
// CHECK:            "attrs": {
// CHECK-NEXT:         "activation_alpha": [
// CHECK-NEXT:           0.2{{[0-9]*}},
// CHECK:              "activations": "hard_sigmoid,tanh,hard_sigmoid,tanh",
// CHECK-NEXT:         "clip": 3,
// CHECK-NEXT:         "direction": "bidirectional",
// CHECK-NEXT:         "layout": 1,
// CHECK-NEXT:         "linear_before_reset": 1
// CHECK-NEXT:       },
// CHECK-NEXT:       "flops": 1944,
// CHECK-NEXT:       "inputs": [
// CHECK-NEXT:         5,
// CHECK-NEXT:         6,
// CHECK-NEXT:         7
// CHECK-NEXT:       ],
// CHECK-NEXT:       "kernel": "gru",
module {
  func.func @main(%x: tensor<3x2x4xf32>, %w: tensor<1x12x4xf32>, %r: tensor<1x12x3xf32>,
                  %l: tensor<2xi32>, %c: tensor<1x2x3xf32>, %xb: tensor<2x3x4xf32>,
                  %gw: tensor<2x9x4xf32>, %gr: tensor<2x9x3xf32>)
      -> (tensor<1x2x3xf32>, tensor<2x3x2x3xf32>) {
    %y, %yh, %yc = dataflow.lstm forward %x, %w, %r sequence_lens(%l) initial_c(%c)
        activations [sigmoid, tanh, tanh]
        : (tensor<3x2x4xf32>, tensor<1x12x4xf32>, tensor<1x12x3xf32>, tensor<2xi32>, tensor<1x2x3xf32>)
        -> (tensor<3x1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>)
    %gy, %gh = dataflow.gru bidirectional %xb, %gw, %gr
        activations [hard_sigmoid, tanh, hard_sigmoid, tanh]
        {activation_alpha = array<f32: 0.2, 0.0, 0.2, 0.0>, activation_beta = array<f32: 0.5, 0.0, 0.5, 0.0>,
         clip = 3.0 : f32, layout = 1 : i64, linear_before_reset = true}
        : (tensor<2x3x4xf32>, tensor<2x9x4xf32>, tensor<2x9x3xf32>) -> (tensor<2x3x2x3xf32>, tensor<2x2x3xf32>)
    return %yh, %gy : tensor<1x2x3xf32>, tensor<2x3x2x3xf32>
  }
}
