// RUN: accel-translate %s --split-input-file --emit-schedule --verify-diagnostics

// expected-error @+1 {{the module is not lowered to a target: no host.program found; run `accel-opt --lower-to-host` first}}
module {
  func.func @main(%arg0: tensor<4xf32>) -> tensor<4xf32> {
    return %arg0 : tensor<4xf32>
  }
}

// -----

module {
  host.program preset("cpu") {
    func.func @main(%arg0: tensor<4xf32>) -> tensor<4xf32> {
      // expected-error @+1 {{constant refers to resource 'missing_blob' whose data is missing}}
      %0 = dataflow.constant dense_resource<missing_blob> : tensor<4xf32>
      %1 = dataflow.binary add %arg0, %0 : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      return %1 : tensor<4xf32>
    }
  }
}
