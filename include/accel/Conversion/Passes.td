#ifndef ACCEL_CONVERSION_PASSES_TD
#define ACCEL_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertDataflowToHost : Pass<"convert-dataflow-to-host", "mlir::ModuleOp"> {
  let summary = "Place the model's dataflow function on the CPU host target";
  let description = [{
    Checks that every op of the entry function has a host kernel and wraps the function in
    a `host.program` anchor op carrying the device preset. Ops without a host kernel are
    reported (all of them, with their locations) and the pass fails.

    ```mlir
    // before
    func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> { ... }
    // after
    host.program preset("cpu") {
      func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> { ... }
    }
    ```
  }];
  let options = [
    Option<"entry", "entry", "std::string", /*default=*/"\"main\"",
           "Name of the function to place on the host">,
    Option<"preset", "preset", "std::string", /*default=*/"\"cpu\"",
           "Host device preset">,
  ];
  let dependentDialects = ["::accel::host::HostDialect"];
}

#endif // ACCEL_CONVERSION_PASSES_TD
