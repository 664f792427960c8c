// RUN: accel-translate %s --emit-schedule --verify-diagnostics -o /dev/null

// 600M f32 elements (2.4 GB) as a splat: compact in MLIR, but no schedule can hold it. The
// emitter refuses before expanding the splat.
module {
  host.program preset("cpu") {
    func.func @main(%arg0: tensor<600000000xf32>) -> tensor<600000000xf32> {
      // expected-error @+1 {{the model's constants need more than 2400000000 bytes; a schedule holds at most 2 GiB}}
      %0 = dataflow.constant dense<1.0> : tensor<600000000xf32>
      %1 = dataflow.binary add %arg0, %0 : (tensor<600000000xf32>, tensor<600000000xf32>) -> tensor<600000000xf32>
      return %1 : tensor<600000000xf32>
    }
  }
}
