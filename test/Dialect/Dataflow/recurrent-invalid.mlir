// RUN: accel-opt %s --split-input-file --verify-diagnostics
// Shape and attribute rules of rnn, gru and lstm.

func.func @layout(%x: tensor<4x2x3xf32>, %w: tensor<1x5x3xf32>, %r: tensor<1x5x5xf32>) {
  // expected-error @+2 {{'layout' must be 0 (sequence first) or 1 (batch first), got 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %yh = dataflow.rnn forward %x, %w, %r activations [tanh] {layout = 2 : i64}
      : (tensor<4x2x3xf32>, tensor<1x5x3xf32>, tensor<1x5x5xf32>) -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>)
  return
}

// -----

func.func @directions(%x: tensor<4x2x3xf32>, %w: tensor<1x5x3xf32>, %r: tensor<1x5x5xf32>) {
  // expected-error @+2 {{'recurrence' must have shape [2,5,5] (1 gate x hidden 5, 2 directions for 'bidirectional'), got [1,5,5]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %yh = dataflow.rnn bidirectional %x, %w, %r activations [tanh, tanh]
      : (tensor<4x2x3xf32>, tensor<1x5x3xf32>, tensor<1x5x5xf32>) -> (tensor<4x2x2x5xf32>, tensor<2x2x5xf32>)
  return
}

// -----

func.func @gates(%x: tensor<4x2x3xf32>, %w: tensor<1x12x3xf32>, %r: tensor<1x12x4xf32>) {
  // expected-error @+2 {{'recurrence' must have shape [1,16,4] (4 gates x hidden 4, 1 direction for 'forward'), got [1,12,4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %yh, %yc = dataflow.lstm forward %x, %w, %r activations [sigmoid, tanh, tanh]
      : (tensor<4x2x3xf32>, tensor<1x12x3xf32>, tensor<1x12x4xf32>)
      -> (tensor<4x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @input_size(%x: tensor<4x2x3xf32>, %w: tensor<1x15x4xf32>, %r: tensor<1x15x5xf32>) {
  // expected-error @+2 {{'weight' must have shape [1,15,3] (3 gates x hidden 5, 1 direction for 'forward', input size 3), got [1,15,4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %yh = dataflow.gru forward %x, %w, %r activations [sigmoid, tanh]
      : (tensor<4x2x3xf32>, tensor<1x15x4xf32>, tensor<1x15x5xf32>) -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>)
  return
}

// -----

func.func @bias(%x: tensor<4x2x3xf32>, %w: tensor<1x5x3xf32>, %r: tensor<1x5x5xf32>, %b: tensor<1x5xf32>) {
  // expected-error @+2 {{'bias' must have shape [1,10]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %yh = dataflow.rnn forward %x, %w, %r bias(%b) activations [tanh]
      : (tensor<4x2x3xf32>, tensor<1x5x3xf32>, tensor<1x5x5xf32>, tensor<1x5xf32>) -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>)
  return
}

// -----

func.func @initial_h(%x: tensor<2x4x3xf32>, %w: tensor<1x5x3xf32>, %r: tensor<1x5x5xf32>, %h: tensor<1x2x5xf32>) {
  // expected-error @+2 {{'initial_h' must have shape [2,1,5] (batch x directions x hidden), got [1,2,5]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %yh = dataflow.rnn forward %x, %w, %r initial_h(%h) activations [tanh] {layout = 1 : i64}
      : (tensor<2x4x3xf32>, tensor<1x5x3xf32>, tensor<1x5x5xf32>, tensor<1x2x5xf32>) -> (tensor<2x4x1x5xf32>, tensor<2x1x5xf32>)
  return
}

// -----

func.func @sequence_lens(%x: tensor<4x2x3xf32>, %w: tensor<1x5x3xf32>, %r: tensor<1x5x5xf32>, %l: tensor<3xi32>) {
  // expected-error @+2 {{'sequence_lens' must have shape [2] (one length per batch entry), got [3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %yh = dataflow.rnn forward %x, %w, %r sequence_lens(%l) activations [tanh]
      : (tensor<4x2x3xf32>, tensor<1x5x3xf32>, tensor<1x5x5xf32>, tensor<3xi32>) -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>)
  return
}

// -----

func.func @sequence_lens_type(%x: tensor<4x2x3xf32>, %w: tensor<1x5x3xf32>, %r: tensor<1x5x5xf32>, %l: tensor<2xf32>) {
  // expected-error @+1 {{operand #3 must be}}
  %y, %yh = dataflow.rnn forward %x, %w, %r sequence_lens(%l) activations [tanh]
      : (tensor<4x2x3xf32>, tensor<1x5x3xf32>, tensor<1x5x5xf32>, tensor<2xf32>) -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>)
  return
}

// -----

func.func @peepholes(%x: tensor<4x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>, %p: tensor<1x8xf32>) {
  // expected-error @+2 {{'peepholes' must have shape [1,12] (i, o, f peepholes per direction), got [1,8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %yh, %yc = dataflow.lstm forward %x, %w, %r peepholes(%p) activations [sigmoid, tanh, tanh]
      : (tensor<4x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<1x8xf32>)
      -> (tensor<4x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @activation_count(%x: tensor<4x2x3xf32>, %w: tensor<1x15x3xf32>, %r: tensor<1x15x5xf32>) {
  // expected-error @+2 {{'activations' must have 2 functions (2 per direction, 1 direction for 'forward'), got 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %yh = dataflow.gru forward %x, %w, %r activations [sigmoid, tanh, tanh]
      : (tensor<4x2x3xf32>, tensor<1x15x3xf32>, tensor<1x15x5xf32>) -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>)
  return
}

// -----

func.func @missing_alpha(%x: tensor<4x2x3xf32>, %w: tensor<1x5x3xf32>, %r: tensor<1x5x5xf32>) {
  // expected-error @+2 {{requires 'activation_alpha' (one value per activation): an activation takes parameters}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %yh = dataflow.rnn forward %x, %w, %r activations [leaky_relu]
      : (tensor<4x2x3xf32>, tensor<1x5x3xf32>, tensor<1x5x5xf32>) -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>)
  return
}

// -----

func.func @alpha_count(%x: tensor<4x2x3xf32>, %w: tensor<1x5x3xf32>, %r: tensor<1x5x5xf32>) {
  // expected-error @+2 {{'activation_beta' must have 1 values (one per activation), got 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %yh = dataflow.rnn forward %x, %w, %r activations [affine]
      {activation_alpha = array<f32: 1.0>, activation_beta = array<f32: 1.0, 2.0>}
      : (tensor<4x2x3xf32>, tensor<1x5x3xf32>, tensor<1x5x5xf32>) -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>)
  return
}

// -----

func.func @clip(%x: tensor<4x2x3xf32>, %w: tensor<1x5x3xf32>, %r: tensor<1x5x5xf32>) {
  // expected-error @+2 {{'clip' must be positive, got -1}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %yh = dataflow.rnn forward %x, %w, %r activations [tanh] {clip = -1.0 : f32}
      : (tensor<4x2x3xf32>, tensor<1x5x3xf32>, tensor<1x5x5xf32>) -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>)
  return
}

// -----

func.func @result(%x: tensor<4x2x3xf32>, %w: tensor<1x5x3xf32>, %r: tensor<1x5x5xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<4x1x2x5xf32>', 'tensor<1x2x5xf32>' are incompatible with return type(s) of operation 'tensor<4x2x5xf32>', 'tensor<1x2x5xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %yh = dataflow.rnn forward %x, %w, %r activations [tanh]
      : (tensor<4x2x3xf32>, tensor<1x5x3xf32>, tensor<1x5x5xf32>) -> (tensor<4x2x5xf32>, tensor<1x2x5xf32>)
  return
}

// -----

func.func @unknown_activation(%x: tensor<4x2x3xf32>, %w: tensor<1x5x3xf32>, %r: tensor<1x5x5xf32>) {
  // expected-error @+1 {{unknown rnn_activation 'gelu'}}
  %y, %yh = dataflow.rnn forward %x, %w, %r activations [gelu]
      : (tensor<4x2x3xf32>, tensor<1x5x3xf32>, tensor<1x5x5xf32>) -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>)
  return
}

// -----

func.func @unknown_direction(%x: tensor<4x2x3xf32>, %w: tensor<1x5x3xf32>, %r: tensor<1x5x5xf32>) {
  // expected-error @+1 {{unknown rnn_direction 'sideways'}}
  %y, %yh = dataflow.rnn sideways %x, %w, %r activations [tanh]
      : (tensor<4x2x3xf32>, tensor<1x5x3xf32>, tensor<1x5x5xf32>) -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>)
  return
}
