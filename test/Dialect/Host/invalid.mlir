// RUN: accel-opt %s --split-input-file --verify-diagnostics

// expected-error @+1 {{must hold exactly one func.func, found 0}}
host.program preset("cpu") {
}

// -----

// expected-error @+1 {{must hold exactly one func.func, found 2}}
host.program preset("cpu") {
  func.func @a(%arg0: tensor<4xf32>) -> tensor<4xf32> {
    return %arg0 : tensor<4xf32>
  }
  func.func @b(%arg0: tensor<4xf32>) -> tensor<4xf32> {
    return %arg0 : tensor<4xf32>
  }
}

// -----

// expected-error @+1 {{unknown host preset 'gpu'; expected 'cpu'}}
host.program preset("gpu") {
  func.func @main(%arg0: tensor<4xf32>) -> tensor<4xf32> {
    return %arg0 : tensor<4xf32>
  }
}

// -----

host.program preset("cpu") {
  // expected-error @+1 {{in a host.program must have a body}}
  func.func private @decl(tensor<4xf32>) -> tensor<4xf32>
}

// -----

host.program preset("cpu") {
  // expected-error @+1 {{is not allowed in a host.program; it holds exactly one func.func}}
  host.program preset("cpu") {
    func.func @main(%arg0: tensor<4xf32>) -> tensor<4xf32> {
      return %arg0 : tensor<4xf32>
    }
  }
}
