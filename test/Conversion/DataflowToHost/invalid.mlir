// RUN: accel-opt %s --split-input-file --convert-dataflow-to-host --verify-diagnostics --allow-unregistered-dialect

// expected-error @+1 {{no entry function '@main' to place on the host; the importer names it @main}}
module {
  func.func @other(%arg0: tensor<4xf32>) -> tensor<4xf32> {
    return %arg0 : tensor<4xf32>
  }
}

// -----

module {
  func.func @main(%arg0: tensor<4xf32>) -> tensor<4xf32> {
    // expected-error @+1 {{op 'vendor.custom' has no host kernel; only dataflow ops run on the host}}
    %0 = "vendor.custom"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>
    return %0 : tensor<4xf32>
  }
}

// -----

module {
  // expected-error @+1 {{the host target needs a function with one block of dataflow ops}}
  func.func private @main(tensor<4xf32>) -> tensor<4xf32>
}
